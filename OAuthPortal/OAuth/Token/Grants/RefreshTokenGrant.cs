using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Dpop;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Scopes;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token.Grants;

/// <summary>
/// grant_type=refresh_token (RFC 6749 §6, RFC 9700 §4.14.2): rotation (the old pair is revoked as the new one is
/// issued), narrowing, and replay detection (only a rotated token is a replay; one its client, user or an admin
/// revoked is simply no longer valid).
/// </summary>
public sealed class RefreshTokenGrant(
    PortalDbContext db, TokenIssuer issuer, IdTokenIssuer idTokens, RejectReplay replays, ScopeLinks scopeLinks, TimeProvider clock)
    : SingleUseGrant<AccessToken>(SingleUseCredentials.RefreshToken, db, issuer, idTokens, replays, clock)
{
    protected override bool? Spent(AccessToken token) =>
        token.RevokedAt is null ? null : token.RevocationReason == TokenRevocationReason.Rotated;

    protected override async Task<(IReadOnlyList<Scope> Scopes, OAuthError? Error)> CheckAsync(
        AccessToken token, TokenRequestContext request, DateTime now, CancellationToken cancellationToken)
    {
        if (!token.Refreshable || token.RefreshExpiresAt is null || token.RefreshExpiresAt <= now)
        {
            return ([], SingleUseCredentials.RefreshToken.Invalid);
        }

        if (RequireSameDpopKey.ForRefresh(token, request) is { } otherKey)
        {
            return ([], otherKey);
        }

        return NarrowScopes.To(await scopeLinks.OfTokenAsync(token.Id, cancellationToken), request.Form.Get(P.Scope), "The refresh token was not granted");
    }

    protected override Task<int> SpendAsync(AccessToken token, DateTime now, CancellationToken cancellationToken) =>
        Db.AccessTokens.Where(t => t.Id == token.Id).RevokeAsync(now, TokenRevocationReason.Rotated, cancellationToken);

    // Another use rotated the token (a replay), or its client, user or an admin revoked it meanwhile.
    protected override async Task<bool> SpentByAnotherUseAsync(AccessToken token, CancellationToken cancellationToken) =>
        await Db.AccessTokens.Where(t => t.Id == token.Id).Select(t => t.RevocationReason).SingleOrDefaultAsync(cancellationToken)
            == TokenRevocationReason.Rotated;
}
