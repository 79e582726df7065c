using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Token;

/// <summary>The one way a token row is revoked: both columns at once, only if still live, in one UPDATE.</summary>
public static class TokenRevocation
{
    /// <summary>Revokes every live token of <paramref name="tokens"/> with <paramref name="reason"/>; returns how many.</summary>
    public static Task<int> RevokeAsync(this IQueryable<AccessToken> tokens, DateTime now, TokenRevocationReason reason, CancellationToken cancellationToken) =>
        tokens.Where(t => t.RevokedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.RevokedAt, now)
            .SetProperty(t => t.RevocationReason, reason), cancellationToken);
}
