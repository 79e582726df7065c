using Microsoft.Extensions.Options;
using OAuthPortal.OAuth.Events;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>
/// What happens to a validated authorization request: answered from remembered consent, accepted or declined by the
/// user. Each returns the URL to send the user to (djoauth2 <c>make_success_redirect</c> / <c>make_error_redirect</c>).
/// </summary>
public sealed class AuthorizationDecisions(AuthorizationCodeIssuer codes, RememberedConsent consents, IOAuthEvents events, IOptions<OAuthOptions> options)
{
    /// <summary>A success redirect when the user already granted these scopes and may be spared the page; otherwise null.</summary>
    public async Task<string?> AnswerFromRememberedConsentAsync(
        ValidatedAuthorizationRequest request, string userId, string issuer, CancellationToken cancellationToken = default)
    {
        var remembered = options.Value.RememberConsent && !request.PromptConsent && request.MayBeAnsweredWithoutUser &&
            await consents.CoversAsync(userId, request.Client.Id, request.Scopes, cancellationToken);
        return remembered ? AuthorizationResponse.Success(request, await codes.IssueAsync(request, userId, cancellationToken), issuer) : null;
    }

    /// <summary>The user allowed the request: a code, the grant remembered, the event raised.</summary>
    public async Task<string> AcceptAsync(ValidatedAuthorizationRequest request, string userId, string issuer, CancellationToken cancellationToken = default)
    {
        var code = await codes.IssueAsync(request, userId, cancellationToken);
        await consents.RecordAsync(userId, request.Client.Id, request.Scopes, cancellationToken);
        await events.ConsentGrantedAsync(Consent(request, userId));
        return AuthorizationResponse.Success(request, code, issuer);
    }

    /// <summary>The user declined: access_denied, the event raised, nothing stored.</summary>
    public async Task<string> DeclineAsync(ValidatedAuthorizationRequest request, string userId, string issuer)
    {
        await events.ConsentDeniedAsync(Consent(request, userId));
        return AuthorizationResponse.AccessDenied(request, issuer);
    }

    private static ConsentEvent Consent(ValidatedAuthorizationRequest request, string userId) =>
        new(userId, request.Client.Id, request.Scopes.Select(s => s.Name).ToList());
}
