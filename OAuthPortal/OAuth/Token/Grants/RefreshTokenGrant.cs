using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Scopes;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token.Grants;

/// <summary>
/// grant_type=refresh_token (RFC 6749 §6, RFC 9700 §4.14.2): rotation (the old pair is revoked as the new one is
/// issued), narrowing, and replay detection (only a rotated token is a replay; one its client, user or an admin
/// revoked is simply no longer valid).
/// </summary>
public sealed class RefreshTokenGrant(PortalDbContext db, TokenIssuer issuer, RejectReplay replays, ScopeLinks scopeLinks, TimeProvider clock)
    : SingleUseGrant<AccessToken>(issuer, clock)
{
    private static readonly Func<PortalDbContext, byte[], string, CancellationToken, Task<AccessToken?>> FindByRefreshHash = EF.CompileAsyncQuery(
        (PortalDbContext context, byte[] hash, string clientId, CancellationToken cancellationToken) =>
            context.AccessTokens.AsNoTracking().SingleOrDefault(t => t.RefreshTokenHash == hash && t.ClientId == clientId));

    private static readonly OAuthError InvalidToken =
        new(OAuthErrorCodes.InvalidGrant, "The refresh token is invalid, expired, or was issued to another client.");

    public override string GrantType => P.GrantRefreshToken;

    protected override string CredentialParameter => P.RefreshToken;

    protected override OAuthError Invalid => InvalidToken;

    protected override Task<AccessToken?> FindAsync(byte[] hash, string clientId, CancellationToken cancellationToken) =>
        FindByRefreshHash(db, hash, clientId, cancellationToken);

    protected override (long GrantId, string? UserId) Owner(AccessToken token) => (token.GrantId, token.UserId);

    protected override bool? Spent(AccessToken token) =>
        token.RevokedAt is null ? null : token.RevocationReason == TokenRevocationReason.Rotated;

    protected override async Task<(IReadOnlyList<Scope> Scopes, OAuthError? Error)> CheckAsync(
        AccessToken token, TokenRequestContext request, DateTime now, CancellationToken cancellationToken)
    {
        if (!token.Refreshable || token.RefreshExpiresAt is null || token.RefreshExpiresAt <= now)
        {
            return ([], InvalidToken);
        }

        return NarrowScopes(await scopeLinks.OfTokenAsync(token.Id, cancellationToken), request.Form.Get(P.Scope));
    }

    protected override Task<int> SpendAsync(AccessToken token, DateTime now, CancellationToken cancellationToken) =>
        db.AccessTokens.Where(t => t.Id == token.Id).RevokeAsync(now, TokenRevocationReason.Rotated, cancellationToken);

    // Another use rotated the token (a replay), or its client, user or an admin revoked it meanwhile.
    protected override async Task<bool> SpentByAnotherUseAsync(AccessToken token, CancellationToken cancellationToken) =>
        await db.AccessTokens.Where(t => t.Id == token.Id).Select(t => t.RevocationReason).SingleOrDefaultAsync(cancellationToken)
            == TokenRevocationReason.Rotated;

    protected override Task<OAuthError> RejectReplayAsync(AccessToken token, CancellationToken cancellationToken) =>
        replays.RefreshTokenAsync(token.GrantId, token.ClientId, token.UserId, cancellationToken);

    /// <summary>RFC 6749 §6: no scope keeps the grant; a subset narrows it; anything not originally granted is refused.</summary>
    private static (IReadOnlyList<Scope> Scopes, OAuthError? Error) NarrowScopes(IReadOnlyList<Scope> granted, string? requested)
    {
        if (requested is null)
        {
            return (granted, null);
        }

        var names = requested.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        var extra = names.Where(n => granted.All(s => s.Name != n)).ToList();
        if (names.Count == 0 || extra.Count > 0)
        {
            return ([], OAuthError.InvalidScope(names.Count == 0
                ? "'scope' must name at least one scope."
                : $"The refresh token was not granted: {string.Join(", ", extra.Select(n => $"'{n}'"))}."));
        }

        return (granted.Where(s => names.Contains(s.Name)).ToList(), null);
    }
}
