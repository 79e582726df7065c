using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;

namespace OAuthPortal.OAuth.Oidc.Keys;

/// <summary>
/// Takes keys out of the ring: a revocation (out of the JWKS at once, never signs again; the active key of an
/// algorithm is replaced at once so that signing never stops), and the deletion of keys whose retirement is over.
/// </summary>
public sealed class SigningKeyRemoval(
    PortalDbContext db, SigningKeyRotation rotation, SigningKeyRing ring, IOAuthEvents events, IOptions<OAuthOptions> options, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Revokes key <paramref name="keyId"/>; null when no key has that kid.</summary>
    public async Task<SigningKeyRevocationResult?> RevokeAsync(string keyId, string actor, CancellationToken cancellationToken = default)
    {
        SigningKey key;
        bool wasSigner;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (await db.SigningKeys.SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken) is not { } found)
            {
                return null;
            }

            key = found;
            var now = Now;
            var keys = await db.SigningKeys.Where(k => k.Algorithm == key.Algorithm).ToListAsync(cancellationToken);
            if (key.RevokedAt is not null)
            {
                return new SigningKeyRevocationResult(key.Id, key.Algorithm, AlreadyRevoked: true, ReplacementKeyId: null);
            }

            wasSigner = SigningKeyLifecycle.SignerAt(keys, key.Algorithm, now)?.Id == key.Id;
            var wasPublishedAhead = SigningKeyLifecycle.PhaseAt(key, now) == SigningKeyPhase.Published;
            key.RevokedAt = now;
            // The row goes with the background deletion, like a retired key's (it stays listed until then).
            var deleteAfter = SigningKeyLifecycle.DeleteAfter(now, options.Value.IdTokenLifetime);
            key.DeleteAfter = key.DeleteAfter is { } planned && planned < deleteAfter ? planned : deleteAfter;
            if (wasPublishedAhead)
            {
                // The key that was to hand over to it keeps signing until the next published key, if any, activates.
                foreach (var predecessor in keys.Where(k => k.RevokedAt == null && k.RetiredAt == key.ActivatesAt))
                {
                    var next = keys.Where(k => k.RevokedAt == null && k.ActivatesAt > predecessor.ActivatesAt).MinBy(k => k.ActivatesAt);
                    predecessor.RetiredAt = next?.ActivatesAt;
                    predecessor.DeleteAfter = next is null ? null : SigningKeyLifecycle.DeleteAfter(next.ActivatesAt, options.Value.IdTokenLifetime);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        ring.Invalidate();
        await events.SigningKeyChangedAsync(new SigningKeyChangedEvent(key.Id, key.Algorithm, SigningKeyChange.Revoked, actor,
            wasSigner ? "was the active key; removed from the JWKS" : "removed from the JWKS"));
        string? replacement = null;
        if (wasSigner)
        {
            var created = await rotation.EnsureAsync(actor, cancellationToken);
            replacement = created.FirstOrDefault(c => c.Algorithm == key.Algorithm)?.KeyId;
        }

        return new SigningKeyRevocationResult(key.Id, key.Algorithm, AlreadyRevoked: false, replacement);
    }

    /// <summary>Deletes keys past their DeleteAfter (retired, and revoked, keys), each audited; how many went.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        var expired = await db.SigningKeys.AsNoTracking().Where(k => k.DeleteAfter != null && k.DeleteAfter <= now)
            .Select(k => new { k.Id, k.Algorithm, k.RevokedAt }).ToListAsync(cancellationToken);
        var deleted = 0;
        foreach (var key in expired)
        {
            // Conditional, so that when several instances clean up at once each key is deleted (and audited) once.
            if (await db.SigningKeys.Where(k => k.Id == key.Id && k.DeleteAfter != null && k.DeleteAfter <= now).ExecuteDeleteAsync(cancellationToken) == 1)
            {
                deleted++;
                await events.SigningKeyChangedAsync(new SigningKeyChangedEvent(key.Id, key.Algorithm, SigningKeyChange.Deleted, SigningKeyRotation.SystemActor,
                    key.RevokedAt is null ? "retirement over: removed from the JWKS" : "revoked key removed"));
            }
        }

        if (deleted > 0)
        {
            ring.Invalidate();
        }

        return deleted;
    }
}
