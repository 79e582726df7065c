using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Http;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token;

/// <summary>
/// RFC 7009 revocation. An access token and its refresh token are one row, so revoking either revokes both. Unknown
/// tokens and other clients' tokens are answered like success and left alone (§2.2).
/// </summary>
public sealed class TokenRevoker(PortalDbContext db, TokenLookup lookup, IOAuthEvents events, TimeProvider clock)
{
    public async Task<OAuthError?> RevokeAsync(Client client, ProtocolParameters body, CancellationToken cancellationToken = default)
    {
        if (body.Get(P.Token) is not { } value)
        {
            return OAuthError.InvalidRequest("'token' is required.");
        }

        var (token, _) = await lookup.FindAsync(value, body.Get(P.TokenTypeHint), cancellationToken);
        if (token is null || token.ClientId != client.Id)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var revoked = await db.AccessTokens.Where(t => t.Id == token.Id).RevokeAsync(now, TokenRevocationReason.RevokedByClient, cancellationToken);
        if (revoked == 1)
        {
            await events.TokenRevokedAsync(new TokenRevokedEvent(token.Id, token.ClientId, token.UserId, $"client:{client.Id}"));
        }

        return null;
    }
}
