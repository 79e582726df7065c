using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Token;

/// <summary>
/// Deletes tokens that expired or were revoked, codes that were spent or expired, device codes and pushed authorization requests that expired,
/// more than OAuth:RetainExpiredFor ago, and then grants nothing refers to any more, and one-time JWT ids whose JWT can no longer be
/// accepted, in batches (short statements, short locks). The audit log is never
/// pruned. Replay detection survives pruning: a token row stays while its refresh token could still be presented (so a
/// rotated refresh token replayed within its lifetime is recognised), and a code stays while any token of its grant
/// does (so a replayed code still revokes the family).
/// </summary>
public sealed class TokenPruner(PortalDbContext db, IOptions<OAuthOptions> options, TimeProvider clock)
{
    public const int BatchSize = 1000;

    public async Task<PruneResult> PruneAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.RetainExpiredFor;
        var tokens = await InBatchesAsync(() => db.AccessTokens.Where(t => ((t.RevokedAt != null && t.RevokedAt < cutoff) || t.ExpiresAt < cutoff) &&
                (!t.Refreshable || t.RefreshExpiresAt == null || t.RefreshExpiresAt < cutoff))
            .OrderBy(t => t.Id).Select(t => t.Id).Take(BatchSize), ids => db.AccessTokens.Where(t => ids.Contains(t.Id)), cancellationToken);

        var codes = await InBatchesAsync(() => db.AuthorizationCodes.Where(c => ((c.ConsumedAt != null && c.ConsumedAt < cutoff) || c.ExpiresAt < cutoff) &&
                !db.AccessTokens.Any(t => t.GrantId == c.GrantId))
            .OrderBy(c => c.Id).Select(c => c.Id).Take(BatchSize), ids => db.AuthorizationCodes.Where(c => ids.Contains(c.Id)), cancellationToken);

        // A device code is only polled until its tokens are issued, so it goes once expired (its tokens keep the grant).
        var deviceCodes = await InBatchesAsync(() => db.DeviceCodes.Where(d => d.ExpiresAt < cutoff)
            .OrderBy(d => d.Id).Select(d => d.Id).Take(BatchSize), ids => db.DeviceCodes.Where(d => ids.Contains(d.Id)), cancellationToken);

        // A pushed authorization request (RFC 9126) is of no use once spent or expired.
        await InBatchesAsync(() => db.PushedAuthorizationRequests.Where(r => r.ExpiresAt < cutoff || (r.ConsumedAt != null && r.ConsumedAt < cutoff))
            .OrderBy(r => r.Id).Select(r => r.Id).Take(BatchSize), ids => db.PushedAuthorizationRequests.Where(r => ids.Contains(r.Id)), cancellationToken);

        await InBatchesAsync(() => db.Grants.Where(g => g.CreatedAt < cutoff && !db.AuthorizationCodes.Any(c => c.GrantId == g.Id) &&
                !db.DeviceCodes.Any(d => d.GrantId == g.Id) && !db.AccessTokens.Any(t => t.GrantId == g.Id))
            .OrderBy(g => g.Id).Select(g => g.Id).Take(BatchSize), ids => db.Grants.Where(g => ids.Contains(g.Id)), cancellationToken);

        // A used jti is kept only while its JWT could still be accepted (its ExpiresAt says until when): no retention.
        var now = clock.GetUtcNow().UtcDateTime;
        var usedJwtIds = 0;
        int deleted;
        do
        {
            deleted = await db.UsedJwtIds.Where(u => db.UsedJwtIds.Where(x => x.ExpiresAt < now).OrderBy(x => x.ExpiresAt).Take(BatchSize).Select(x => x.Key).Contains(u.Key))
                .ExecuteDeleteAsync(cancellationToken);
            usedJwtIds += deleted;
        }
        while (deleted == BatchSize);

        return new PruneResult(tokens, codes, deviceCodes, usedJwtIds);
    }

    private static async Task<int> InBatchesAsync<T>(
        Func<IQueryable<long>> batch, Func<IQueryable<long>, IQueryable<T>> rows, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await rows(batch()).ExecuteDeleteAsync(cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);

        return total;
    }
}
