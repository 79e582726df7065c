using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Token;

/// <summary>The tokens that descend from one authorization code (copied on every refresh), revoked together on a replay.</summary>
public sealed class TokenFamily(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Revokes every live token of the family (or just <paramref name="tokenId"/> when the code is gone); returns how many.</summary>
    public Task<int> RevokeAsync(long? authorizationCodeId, long? tokenId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var members = authorizationCodeId is { } codeId
            ? db.AccessTokens.Where(t => t.AuthorizationCodeId == codeId)
            : db.AccessTokens.Where(t => t.Id == tokenId);
        return members.Where(t => t.RevokedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.RevokedAt, now)
            .SetProperty(t => t.RevocationReason, TokenRevocationReason.FamilyRevoked), cancellationToken);
    }
}
