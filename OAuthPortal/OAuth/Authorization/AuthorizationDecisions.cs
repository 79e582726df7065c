using Microsoft.Extensions.Options;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>
/// What happens to a validated authorization request: answered from remembered consent, accepted or declined by the
/// user. Each returns the response to send the user back with (djoauth2 <c>make_success_redirect</c> /
/// <c>make_error_redirect</c>).
/// </summary>
public sealed class AuthorizationDecisions(AuthorizationCodeIssuer codes, RememberedConsent consents, IOAuthEvents events, IOptions<OAuthOptions> options)
{
    /// <summary>
    /// A success response when the user already granted these scopes and may be spared the page; with
    /// <c>prompt=none</c>, <c>consent_required</c> instead of the page (OpenID Connect Core §3.1.2.6); otherwise null.
    /// </summary>
    public async Task<ClientResponse?> AnswerWithoutPageAsync(
        ValidatedAuthorizationRequest request, SignedInUser user, string issuer, CancellationToken cancellationToken = default)
    {
        var remembered = options.Value.RememberConsent && !request.Oidc.PromptConsent && request.MayBeAnsweredWithoutUser &&
            await consents.CoversAsync(user.UserId, request.Client.Id, request.Scopes, cancellationToken);
        if (remembered)
        {
            return AuthorizationResponse.Success(request, await codes.IssueAsync(request, user, cancellationToken), issuer);
        }

        return request.Oidc.PromptNone
            ? AuthorizationResponse.Error(request, new OAuthError(OAuthErrorCodes.ConsentRequired, "The user must consent, and prompt=none does not allow it."), issuer)
            : null;
    }

    /// <summary>The user allowed the request: a code, the grant remembered, the event raised.</summary>
    public async Task<ClientResponse> AcceptAsync(ValidatedAuthorizationRequest request, SignedInUser user, string issuer, CancellationToken cancellationToken = default)
    {
        var code = await codes.IssueAsync(request, user, cancellationToken);
        await consents.RecordAsync(user.UserId, request.Client.Id, request.Scopes, cancellationToken);
        await events.ConsentGrantedAsync(Consent(request, user.UserId));
        return AuthorizationResponse.Success(request, code, issuer);
    }

    /// <summary>The user declined: access_denied, the event raised, nothing stored.</summary>
    public async Task<ClientResponse> DeclineAsync(ValidatedAuthorizationRequest request, string userId, string issuer)
    {
        await events.ConsentDeniedAsync(Consent(request, userId));
        return AuthorizationResponse.AccessDenied(request, issuer);
    }

    private static ConsentEvent Consent(ValidatedAuthorizationRequest request, string userId) =>
        new(userId, request.Client.Id, request.Scopes.Select(s => s.Name).ToList());
}
