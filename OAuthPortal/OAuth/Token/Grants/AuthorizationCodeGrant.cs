using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Authorization;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Dpop;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Scopes;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token.Grants;

/// <summary>
/// grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.6; djoauth2 <c>views</c>): a code is redeemed at most
/// once, by the client it was issued to, with the same redirect_uri and the PKCE verifier.
/// </summary>
public sealed class AuthorizationCodeGrant(
    PortalDbContext db, TokenIssuer issuer, IdTokenIssuer idTokens, RejectReplay replays, ScopeLinks scopeLinks, TimeProvider clock)
    : SingleUseGrant<AuthorizationCode>(SingleUseCredentials.AuthorizationCode, db, issuer, idTokens, replays, clock)
{
    protected override bool? Spent(AuthorizationCode code) => code.ConsumedAt is null ? null : true;

    protected override string? NonceOf(AuthorizationCode code) => code.Nonce;

    protected override async Task<(IReadOnlyList<Scope> Scopes, OAuthError? Error)> CheckAsync(
        AuthorizationCode code, TokenRequestContext request, DateTime now, CancellationToken cancellationToken)
    {
        var error = code.ExpiresAt <= now
            ? SingleUseCredentials.AuthorizationCode.Invalid
            : RequireExactRedirectUri.CheckTokenRequest(code.RedirectUri, request.Form.Get(P.RedirectUri)) ??
              RequirePkceForPublicClients.CheckTokenRequest(code.CodeChallenge, request.Form.Get(P.CodeVerifier)) ??
              RequireSameDpopKey.ForCode(code, request);
        return error is null ? (await scopeLinks.OfCodeAsync(code.Id, cancellationToken), null) : ([], error);
    }

    protected override Task<int> SpendAsync(AuthorizationCode code, DateTime now, CancellationToken cancellationToken) =>
        Db.AuthorizationCodes.Where(c => c.Id == code.Id && c.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), cancellationToken);

    // Another redemption spent the code (a replay), or a revocation deleted it (simply invalid now).
    protected override Task<bool> SpentByAnotherUseAsync(AuthorizationCode code, CancellationToken cancellationToken) =>
        Db.AuthorizationCodes.AnyAsync(c => c.Id == code.Id, cancellationToken);
}
