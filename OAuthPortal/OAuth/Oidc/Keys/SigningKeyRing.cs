using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Oidc.Keys;

/// <summary>
/// The signing-key ring as every part of the portal reads it: the credentials that sign now, the public keys of the
/// JWKS, and the list with phases. The ring lives in the database (shared by every instance); this singleton keeps the
/// decrypted keys in memory and reads the ring again at most every <see cref="RefreshInterval"/>, and at once after a
/// change made by this instance (<see cref="Invalidate"/>). Which key signs is decided from the keys' dates at each call,
/// so a published key starts signing on time without a read.
/// </summary>
public sealed class SigningKeyRing(IServiceScopeFactory scopes, SigningKeyMaterial material, TimeProvider clock, ILogger<SigningKeyRing> logger)
{
    /// <summary>How long a change made by another instance (a revocation, a rotation) may take to reach this one.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private Snapshot? _snapshot;
    private volatile bool _stale;

    /// <summary>The active key of <paramref name="algorithm"/> (RS256 or ES256); its <c>Key.KeyId</c> is the kid.</summary>
    public async ValueTask<SigningCredentials> GetSigningCredentialsAsync(string algorithm, CancellationToken cancellationToken = default)
    {
        if (!SigningAlgorithms.IsSupported(algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "The portal signs with RS256 or ES256.");
        }

        var snapshot = await CurrentAsync(cancellationToken);
        if (snapshot.SignerAt(algorithm, Now) is { } credentials)
        {
            return credentials;
        }

        // Perhaps another instance replaced a revoked key a moment ago: read once more before giving up.
        Invalidate();
        return (await CurrentAsync(cancellationToken)).SignerAt(algorithm, Now)
            ?? throw new InvalidOperationException($"The signing-key ring has no active {algorithm} key (the portal creates one at start and every minute).");
    }

    /// <summary>Every key in the JWKS now (published, active, retired), public parameters only.</summary>
    public async ValueTask<IReadOnlyList<JsonWebKey>> GetPublishedKeysAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        var now = Now;
        return snapshot.Keys.Where(k => SigningKeyLifecycle.IsPublishedAt(k.Row, now)).Select(k => k.Public).ToList();
    }

    /// <summary>Every key in the database, newest first per algorithm, with its phase now (read from the database, not the cache).</summary>
    public async Task<IReadOnlyList<SigningKeyListItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SigningKeys.AsNoTracking().ToListAsync(cancellationToken);
        var now = Now;
        return rows.OrderBy(k => k.Algorithm, StringComparer.Ordinal).ThenByDescending(k => k.Generation)
            .Select(k => new SigningKeyListItem(k.Id, k.Algorithm, k.Generation, SigningKeyLifecycle.PhaseAt(k, now), k.CreatedAt, k.ActivatesAt,
                k.RetiredAt, k.DeleteAfter, k.RevokedAt))
            .ToList();
    }

    /// <summary>The ring changed (this instance rotated, revoked or deleted a key): the next call reads it again.</summary>
    public void Invalidate() => _stale = true;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async ValueTask<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && !_stale && Now - snapshot.ReadAt < RefreshInterval && Now >= snapshot.ReadAt)
        {
            return snapshot;
        }

        // One reader at a time; while it reads, other callers go on with the keys they have (if any).
        if (!await _reading.WaitAsync(snapshot is null || _stale ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, cancellationToken))
        {
            return snapshot!;
        }

        try
        {
            snapshot = Volatile.Read(ref _snapshot);
            if (snapshot is not null && !_stale && Now - snapshot.ReadAt < RefreshInterval && Now >= snapshot.ReadAt)
            {
                return snapshot;
            }

            _stale = false;
            var read = await ReadAsync(snapshot, cancellationToken);
            Volatile.Write(ref _snapshot, read);
            return read;
        }
        catch (Exception exception) when (snapshot is not null && exception is not OperationCanceledException)
        {
            // The database is away: keep signing with the keys we have, and try again after the interval.
            logger.LogWarning(exception, "Could not read the signing-key ring; using the keys read at {ReadAt:O}.", snapshot.ReadAt);
            var kept = snapshot with { ReadAt = Now };
            Volatile.Write(ref _snapshot, kept);
            return kept;
        }
        finally
        {
            _reading.Release();
        }
    }

    private async Task<Snapshot> ReadAsync(Snapshot? previous, CancellationToken cancellationToken)
    {
        var readAt = Now;
        List<SigningKey> rows;
        await using (var scope = scopes.CreateAsyncScope())
        {
            rows = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SigningKeys.AsNoTracking()
                .Where(k => k.RevokedAt == null && (k.DeleteAfter == null || k.DeleteAfter > readAt))
                .ToListAsync(cancellationToken);
        }

        // Keys already opened are reused (no new RSA object per read); only keys that can still sign are decrypted.
        var opened = previous?.Keys.Where(k => k.Credentials is not null).ToDictionary(k => k.Row.Id, k => k.Credentials) ?? [];
        var keys = rows.Select(row => new LoadedKey(row, SigningKeyMaterial.PublicKey(row),
                row.RetiredAt is { } retired && retired <= readAt ? null
                : opened.GetValueOrDefault(row.Id) ?? material.OpenSigningCredentials(row)))
            .ToList();
        return new Snapshot(readAt, keys);
    }

    private sealed record LoadedKey(SigningKey Row, JsonWebKey Public, SigningCredentials? Credentials);

    private sealed record Snapshot(DateTime ReadAt, IReadOnlyList<LoadedKey> Keys)
    {
        public SigningCredentials? SignerAt(string algorithm, DateTime now) =>
            SigningKeyLifecycle.SignerAt(Keys.Where(k => k.Credentials is not null).Select(k => k.Row), algorithm, now) is { } signer
                ? Keys.First(k => k.Row.Id == signer.Id).Credentials
                : null;
    }
}
