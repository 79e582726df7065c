using Microsoft.Extensions.Options;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>
/// What happens to a validated authorization request: answered from remembered consent, accepted or declined by the
/// user. Each returns the response to send the user back with (djoauth2 <c>make_success_redirect</c> /
/// <c>make_error_redirect</c>).
/// </summary>
public sealed class AuthorizationDecisions(
    AuthorizationCodeIssuer codes, RememberedConsent consents, IdTokenHintReader hints, IOAuthEvents events, ResolvePushedRequest pushedRequests,
    IOptions<OAuthOptions> options, TimeProvider clock)
{
    /// <summary>
    /// The step after validation: sign in first when the user must (<see cref="RequireFreshAuthentication"/>), answer from remembered consent
    /// (or with <c>login_required</c> / <c>consent_required</c> for <c>prompt=none</c>, OpenID Connect Core
    /// §3.1.2.6), or ask.
    /// </summary>
    public async Task<AuthorizationStep> NextStepAsync(
        ValidatedAuthorizationRequest request, SignedInUser? user, string issuer, CancellationToken cancellationToken = default)
    {
        // A hint grants nothing: one that cannot be verified (its key has left the JWKS since, or it was never ours) is
        // ignored rather than refused, so that a relying party's silent renewal survives a key rotation.
        var hintedSubject = request.Oidc.IdTokenHint is { } hint ? (await hints.ReadAsync(hint, issuer, cancellationToken))?.Subject : null;

        if (RequireFreshAuthentication.NeedsSignIn(request.Oidc, user, hintedSubject, clock.GetUtcNow().UtcDateTime))
        {
            return request.Oidc.PromptNone
                ? await SpendThenAnswerAsync(request, () => Task.FromResult(AuthorizationResponse.Error(request, RequireFreshAuthentication.LoginRequired, issuer)), cancellationToken)
                : AuthorizationStep.SignIn(request.AfterSignIn);
        }

        var remembered = options.Value.RememberConsent && !request.Oidc.PromptConsent && request.MayBeAnsweredWithoutUser &&
            await consents.CoversAsync(user!.UserId, request.Client.Id, request.Scopes, cancellationToken);
        if (remembered)
        {
            return await SpendThenAnswerAsync(request, async () => AuthorizationResponse.Success(request, await codes.IssueAsync(request, user!, cancellationToken), issuer), cancellationToken);
        }

        return request.Oidc.PromptNone
            ? await SpendThenAnswerAsync(request, () => Task.FromResult(AuthorizationResponse.Error(
                request, new OAuthError(OAuthErrorCodes.ConsentRequired, "The user must consent, and prompt=none does not allow it."), issuer)), cancellationToken)
            : AuthorizationStep.Consent;
    }

    /// <summary>The user allowed the request: a code, the grant remembered, the event raised.</summary>
    public Task<AuthorizationStep> AcceptAsync(ValidatedAuthorizationRequest request, SignedInUser user, string issuer, CancellationToken cancellationToken = default) =>
        SpendThenAnswerAsync(request, async () =>
        {
            var code = await codes.IssueAsync(request, user, cancellationToken);
            await consents.RecordAsync(user.UserId, request.Client.Id, request.Scopes, cancellationToken);
            await events.ConsentGrantedAsync(Consent(request, user.UserId));
            return AuthorizationResponse.Success(request, code, issuer);
        }, cancellationToken);

    /// <summary>The user declined: access_denied, the event raised, nothing stored.</summary>
    public Task<AuthorizationStep> DeclineAsync(ValidatedAuthorizationRequest request, string userId, string issuer, CancellationToken cancellationToken = default) =>
        SpendThenAnswerAsync(request, async () =>
        {
            await events.ConsentDeniedAsync(Consent(request, userId));
            return AuthorizationResponse.AccessDenied(request, issuer);
        }, cancellationToken);

    /// <summary>
    /// RFC 9126 §4: a pushed request gives one authorization response. It is spent (one conditional UPDATE) before the
    /// response is made; when another response already spent it, or it expired meanwhile, the error page instead.
    /// </summary>
    private async Task<AuthorizationStep> SpendThenAnswerAsync(
        ValidatedAuthorizationRequest request, Func<Task<ClientResponse>> answer, CancellationToken cancellationToken)
    {
        if (request.Pushed is { } pushed && !await pushedRequests.ConsumeAsync(pushed, cancellationToken))
        {
            return AuthorizationStep.Refuse(AuthorizationPageError.InvalidRequestUri);
        }

        return AuthorizationStep.Answer(await answer());
    }

    private static ConsentEvent Consent(ValidatedAuthorizationRequest request, string userId) =>
        new(userId, request.Client.Id, request.Scopes.Select(s => s.Name).ToList());
}
