using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.OAuth;

namespace OAuthPortal.OAuth.Token;

/// <summary>
/// Deletes tokens that expired or were revoked, and codes that were spent or expired, more than
/// OAuth:RetainExpiredFor ago, in batches (short statements, short locks). The audit log is never pruned.
/// Replay detection survives pruning: a token row stays while its refresh token could still be presented (so a
/// rotated refresh token replayed within its lifetime is recognised), and a code stays while any token descends from
/// it (the family link that revokes the whole family on a replay).
/// </summary>
public sealed class TokenPruner(Data.PortalDbContext db, IOptions<OAuthOptions> options, TimeProvider clock)
{
    public const int BatchSize = 1000;

    public async Task<PruneResult> PruneAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.RetainExpiredFor;
        var tokens = 0;
        int deleted;
        do
        {
            var batch = db.AccessTokens.Where(t => ((t.RevokedAt != null && t.RevokedAt < cutoff) || t.ExpiresAt < cutoff) &&
                    (!t.Refreshable || t.RefreshExpiresAt == null || t.RefreshExpiresAt < cutoff))
                .OrderBy(t => t.Id).Select(t => t.Id).Take(BatchSize);
            deleted = await db.AccessTokens.Where(t => batch.Contains(t.Id)).ExecuteDeleteAsync(cancellationToken);
            tokens += deleted;
        }
        while (deleted == BatchSize);

        var codes = 0;
        do
        {
            var batch = db.AuthorizationCodes.Where(c => ((c.ConsumedAt != null && c.ConsumedAt < cutoff) || c.ExpiresAt < cutoff) &&
                    !db.AccessTokens.Any(t => t.AuthorizationCodeId == c.Id))
                .OrderBy(c => c.Id).Select(c => c.Id).Take(BatchSize);
            deleted = await db.AuthorizationCodes.Where(c => batch.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
            codes += deleted;
        }
        while (deleted == BatchSize);

        return new PruneResult(tokens, codes);
    }
}
