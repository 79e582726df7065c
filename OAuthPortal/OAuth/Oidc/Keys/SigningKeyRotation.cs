using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;

namespace OAuthPortal.OAuth.Oidc.Keys;

/// <summary>
/// Adds keys to the ring: the first key of each algorithm, a successor published ahead when the active key has signed
/// for OAuth:SigningKeys:RotationInterval minus PublishAhead (automatic), and rotations asked for by the CLI or an
/// admin (ahead, or at once after a suspected leak). Safe when several instances share the database: each new key
/// takes the next generation of its algorithm, and the unique index (Algorithm, Generation) lets exactly one of
/// several concurrent inserts in; the others see its key and do nothing. The predecessor's retirement is set in the
/// same transaction as the insert.
/// </summary>
public sealed class SigningKeyRotation(
    PortalDbContext db, SigningKeyMaterial material, SigningKeyRing ring, IOAuthEvents events, IOptions<OAuthOptions> options,
    TimeProvider clock, ILogger<SigningKeyRotation> logger)
{
    /// <summary>The audit actor of what the portal does by itself (first keys, automatic rotation, deletion).</summary>
    public const string SystemActor = "system";

    private const int Attempts = 3;

    private SigningKeyOptions Settings => options.Value.SigningKeys;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Gives every algorithm that has no active key one that signs at once (a fresh database, or after revocations).</summary>
    public async Task<IReadOnlyList<SigningKeyRotationResult>> EnsureAsync(string actor = SystemActor, CancellationToken cancellationToken = default)
    {
        var created = new List<SigningKeyRotationResult>();
        foreach (var algorithm in SigningAlgorithms.All)
        {
            if (await CreateAsync(algorithm, immediately: true, actor,
                    (keys, now) => SigningKeyLifecycle.SignerAt(keys, algorithm, now) is null, cancellationToken) is { } result)
            {
                created.Add(result);
            }
        }

        return created;
    }

    /// <summary>
    /// The automatic rotation: publishes a successor for each algorithm whose active key activated at least
    /// RotationInterval - PublishAhead ago and has no newer key yet; it signs PublishAhead later.
    /// </summary>
    public async Task<IReadOnlyList<SigningKeyRotationResult>> RotateDueAsync(CancellationToken cancellationToken = default)
    {
        var rotated = new List<SigningKeyRotationResult>();
        foreach (var algorithm in SigningAlgorithms.All)
        {
            if (await CreateAsync(algorithm, immediately: false, SystemActor, (keys, now) => IsDue(keys, algorithm, now), cancellationToken) is { } result)
            {
                rotated.Add(result);
            }
        }

        return rotated;
    }

    /// <summary>
    /// A rotation asked for by a person. Ahead (<paramref name="immediately"/> false): a successor is published and
    /// signs after PublishAhead, unless one is published already. At once: a new key signs now and the active key
    /// retires now (it stays in the JWKS through its retirement unless revoked), e.g. after a suspected leak.
    /// </summary>
    public async Task<SigningKeyRotationResult> RotateAsync(string algorithm, bool immediately, string actor, CancellationToken cancellationToken = default)
    {
        if (!SigningAlgorithms.IsSupported(algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "The portal signs with RS256 or ES256.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var keys = await KeysOfAsync(algorithm, tracked: false, cancellationToken);
            var now = Now;
            var signer = SigningKeyLifecycle.SignerAt(keys, algorithm, now);
            if (!immediately && signer is not null && SigningKeyLifecycle.SuccessorAt(keys, algorithm, now) is { } published)
            {
                return new SigningKeyRotationResult(algorithm, SigningKeyRotationOutcome.AlreadyPublished, published.Id, published.ActivatesAt, signer.Id);
            }

            Func<IReadOnlyList<SigningKey>, DateTime, bool> needed = immediately || signer is null
                ? (_, _) => true
                : (current, at) => SigningKeyLifecycle.SuccessorAt(current, algorithm, at) is null;
            if (await CreateAsync(algorithm, immediately || signer is null, actor, needed, cancellationToken) is { } result)
            {
                return result;
            }

            if (attempt == Attempts)
            {
                throw new InvalidOperationException($"Could not rotate the {algorithm} key: other instances kept rotating it at the same time.");
            }
        }
    }

    private bool IsDue(IReadOnlyList<SigningKey> keys, string algorithm, DateTime now) =>
        SigningKeyLifecycle.SignerAt(keys, algorithm, now) is { } signer &&
        signer.ActivatesAt + Settings.RotationInterval - Settings.PublishAhead <= now &&
        !keys.Any(k => k.Algorithm == algorithm && k.RevokedAt == null && k.ActivatesAt > signer.ActivatesAt);

    private async Task<List<SigningKey>> KeysOfAsync(string algorithm, bool tracked, CancellationToken cancellationToken) =>
        await (tracked ? db.SigningKeys : db.SigningKeys.AsNoTracking()).Where(k => k.Algorithm == algorithm).ToListAsync(cancellationToken);

    /// <summary>
    /// Inserts a new key of <paramref name="algorithm"/> if <paramref name="needed"/> says so, both before (cheaply) and
    /// inside the transaction; null when it was not needed or another instance's insert won.
    /// </summary>
    private async Task<SigningKeyRotationResult?> CreateAsync(
        string algorithm, bool immediately, string actor, Func<IReadOnlyList<SigningKey>, DateTime, bool> needed, CancellationToken cancellationToken)
    {
        if (!needed(await KeysOfAsync(algorithm, tracked: false, cancellationToken), Now))
        {
            return null;
        }

        var key = material.Create(algorithm); // RSA key generation is slow: outside the transaction
        string? previous;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var keys = await KeysOfAsync(algorithm, tracked: true, cancellationToken);
            var now = Now;
            if (!needed(keys, now))
            {
                return null;
            }

            key.Generation = keys.Count == 0 ? 1 : keys.Max(k => k.Generation) + 1;
            key.CreatedAt = now;
            key.ActivatesAt = immediately ? now : now + Settings.PublishAhead;
            previous = SigningKeyLifecycle.SignerAt(keys, algorithm, now)?.Id;
            foreach (var old in keys.Where(k => k.RevokedAt == null && k.ActivatesAt <= key.ActivatesAt && (k.RetiredAt == null || k.RetiredAt > key.ActivatesAt)))
            {
                Retire(old, key.ActivatesAt);
            }

            // A key made at once while a successor is already published hands over to it when it activates.
            if (keys.Where(k => k.RevokedAt == null && k.ActivatesAt > key.ActivatesAt).MinBy(k => k.ActivatesAt) is { } successor)
            {
                Retire(key, successor.ActivatesAt);
            }

            db.SigningKeys.Add(key);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DuplicateKey.Is(exception))
        {
            db.ChangeTracker.Clear();
            logger.LogInformation("Another instance added {Algorithm} generation {Generation} first; its key stands.", algorithm, key.Generation);
            return null;
        }

        ring.Invalidate();
        var outcome = immediately ? SigningKeyRotationOutcome.Activated : SigningKeyRotationOutcome.Published;
        await events.SigningKeyChangedAsync(previous is null
            ? new SigningKeyChangedEvent(key.Id, algorithm, SigningKeyChange.Created, actor, $"generation {key.Generation}, signs from {key.ActivatesAt:O}")
            : new SigningKeyChangedEvent(key.Id, algorithm, SigningKeyChange.Rotated, actor,
                $"generation {key.Generation}, signs from {key.ActivatesAt:O}; replaces key:{previous}{(immediately ? ", retired at once" : "")}"));
        return new SigningKeyRotationResult(algorithm, outcome, key.Id, key.ActivatesAt, previous);
    }

    private void Retire(SigningKey key, DateTime at)
    {
        key.RetiredAt = at;
        key.DeleteAfter = SigningKeyLifecycle.DeleteAfter(at, options.Value.IdTokenLifetime);
    }
}
