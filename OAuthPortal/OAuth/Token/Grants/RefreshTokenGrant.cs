using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Scopes;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.OAuth.Token;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token.Grants;

/// <summary>
/// grant_type=refresh_token (RFC 6749 §6, RFC 9700 §4.14.2): rotation, narrowing, and replay detection. The checks run
/// before any write; revoking the old pair and issuing the new one are then one short transaction around a conditional
/// update, which is what makes a refresh token single-use (a concurrent second use finds it rotated: a replay).
/// </summary>
public sealed class RefreshTokenGrant(
    PortalDbContext db, DatabaseWriteGate writes, TokenIssuer issuer, TokenFamily family, ScopeLinks scopeLinks, IOAuthEvents events,
    TimeProvider clock)
{
    private static readonly Func<PortalDbContext, byte[], string, CancellationToken, Task<AccessToken?>> FindByRefreshHash = EF.CompileAsyncQuery(
        (PortalDbContext context, byte[] hash, string clientId, CancellationToken cancellationToken) =>
            context.AccessTokens.AsNoTracking().SingleOrDefault(t => t.RefreshTokenHash == hash && t.ClientId == clientId));

    private static readonly OAuthError InvalidToken =
        new(OAuthErrorCodes.InvalidGrant, "The refresh token is invalid, expired, or was issued to another client.");

    public async Task<OAuthResult<TokenResponse>> RefreshAsync(Client client, ProtocolParameters body, CancellationToken cancellationToken)
    {
        if (body.Get(P.RefreshToken) is not { } value)
        {
            return OAuthError.InvalidRequest("'refresh_token' is required.");
        }

        var hash = SecretHasher.Hash(value);
        var token = await FindByRefreshHash(db, hash, client.Id, cancellationToken);
        if (token is null)
        {
            return InvalidToken;
        }

        if (token.RevokedAt is not null)
        {
            // Only a rotated token is a replay; one its client, user or an admin revoked is simply no longer valid.
            return token.RevocationReason == TokenRevocationReason.Rotated
                ? await RejectReplayAsync(token, cancellationToken)
                : InvalidToken;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (!token.Refreshable || token.RefreshExpiresAt is null || token.RefreshExpiresAt <= now)
        {
            return InvalidToken;
        }

        var (scopes, scopeError) = NarrowScopes(await scopeLinks.OfTokenAsync(token.Id, cancellationToken), body.Get(P.Scope));
        if (scopeError is not null)
        {
            return scopeError;
        }

        var issued = await issuer.SpendAndIssueAsync(
            () => db.AccessTokens.Where(t => t.Id == token.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevocationReason, TokenRevocationReason.Rotated), cancellationToken),
            client.Id, token.UserId, scopes, token.AuthorizationCodeId, cancellationToken);
        if (issued is not null)
        {
            return OAuthResult<TokenResponse>.Success(issued);
        }

        // Lost a race: another use rotated the token (a replay), or its client, user or an admin revoked it meanwhile.
        var reason = await db.AccessTokens.Where(t => t.Id == token.Id).Select(t => t.RevocationReason).SingleOrDefaultAsync(cancellationToken);
        return reason == TokenRevocationReason.Rotated ? await RejectReplayAsync(token, cancellationToken) : InvalidToken;
    }

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

    private async Task<OAuthResult<TokenResponse>> RejectReplayAsync(AccessToken token, CancellationToken cancellationToken)
    {
        var revoked = await writes.RunAsync(() => family.RevokeAsync(token.AuthorizationCodeId, token.Id, cancellationToken), cancellationToken); // one UPDATE

        await events.RefreshTokenReusedAsync(new TokenFamilyEvent(token.ClientId, token.UserId, token.AuthorizationCodeId, revoked));
        return new OAuthError(OAuthErrorCodes.InvalidGrant, "The refresh token was already used or revoked; its token family has been revoked.");
    }
}
