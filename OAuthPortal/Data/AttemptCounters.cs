using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace OAuthPortal.Data;

/// <summary>
/// Attempts counted under keys in the database (<see cref="SignInFailure"/> rows), so that every instance behind a
/// proxy counts the same: wrong passwords (<c>Identity/SignInThrottle</c>) and wrong user codes on the device page
/// (<c>OAuth/Device/LimitUserCodeGuesses</c>), each under keys of its own prefix.
/// <para>
/// An attempt is counted <em>before</em> it is checked (<see cref="BeginAsync"/>), so attempts sent in parallel cannot
/// all get through: one over a limit locks its counter, and while a lock is in force every attempt under that key is
/// refused. A failed attempt locks the counters it reached the limit of (<see cref="FailedAsync"/>). A counter starts
/// again after a lockout, after the caller forgets it (<see cref="ForgetAsync"/>), or after a day without attempts.
/// The writes are set-based statements through the SQLite write queue and never touch the request's tracked entities.
/// </para>
/// </summary>
public sealed class AttemptCounters(PortalDbContext db, DatabaseWriteGate writes, TimeProvider clock)
{
    /// <summary>A counter without attempts for this long starts again from zero, and is deleted by <see cref="PruneAsync"/>.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    /// <summary>
    /// Counts one attempt under every counter and says whether it may be checked: null when it may, otherwise until
    /// when attempts are refused (a lock in force, or one this attempt set by going over a limit).
    /// </summary>
    public Task<DateTime?> BeginAsync(IReadOnlyList<AttemptLimit> limits, TimeSpan lockoutDuration, CancellationToken cancellationToken = default) =>
        writes.RunAsync(async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            DateTime? refusedUntil = null;
            foreach (var (key, limit) in limits)
            {
                var (attempts, lockedUntil) = await CountAsync(key, now, cancellationToken);
                if (lockedUntil > now)
                {
                    refusedUntil = Later(refusedUntil, lockedUntil.Value);
                }
                else if (attempts > limit)
                {
                    await LockAsync(key, 0, now + lockoutDuration, cancellationToken);
                    refusedUntil = Later(refusedUntil, now + lockoutDuration);
                }
            }

            return refusedUntil;
        }, cancellationToken);

    /// <summary>The attempt failed: every counter at its limit locks now. Until when, or null when none did.</summary>
    public Task<DateTime?> FailedAsync(IReadOnlyList<AttemptLimit> limits, TimeSpan lockoutDuration, CancellationToken cancellationToken = default) =>
        writes.RunAsync(async () =>
        {
            var until = clock.GetUtcNow().UtcDateTime + lockoutDuration;
            var locked = false;
            foreach (var (key, limit) in limits)
            {
                locked |= await LockAsync(key, limit, until, cancellationToken);
            }

            return locked ? until : (DateTime?)null;
        }, cancellationToken);

    /// <summary>The attempt succeeded and must not count: takes back the one <see cref="BeginAsync"/> counted (the rest stay).</summary>
    public Task TakeBackAsync(IReadOnlyList<byte[]> keys, CancellationToken cancellationToken = default)
    {
        var all = keys.ToArray();
        return writes.RunAsync(() => db.SignInFailures.Where(f => all.Contains(f.Key) && f.Failures > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, f => f.Failures - 1), cancellationToken), cancellationToken);
    }

    /// <summary>Until when the latest lock in force under <paramref name="keys"/> refuses attempts; null when none is. Counts nothing.</summary>
    public async Task<DateTime?> LockedUntilAsync(IReadOnlyList<byte[]> keys, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var all = keys.ToArray();
        var ends = await db.SignInFailures.AsNoTracking().Where(f => all.Contains(f.Key) && f.LockedUntil > now)
            .Select(f => f.LockedUntil!.Value).ToListAsync(cancellationToken);
        return ends.Count == 0 ? null : ends.Max();
    }

    /// <summary>The counters start again from zero (and lose any lock).</summary>
    public Task ForgetAsync(IReadOnlyList<byte[]> keys, CancellationToken cancellationToken = default)
    {
        var all = keys.ToArray();
        return writes.RunAsync(() => db.SignInFailures.Where(f => all.Contains(f.Key)).ExecuteDeleteAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Deletes counters of every kind that have nothing left to say (no attempt for a day, no lock in force).</summary>
    public Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - ForgetAfter;
        return writes.RunAsync(() => db.SignInFailures.Where(f => f.LastFailureAt < stale && (f.LockedUntil == null || f.LockedUntil < now))
            .ExecuteDeleteAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The key of a counter: SHA-256 of <paramref name="parts"/> joined by newlines, the first naming what is counted
    /// (<c>source</c>, <c>account</c>, <c>user-code-user</c>...), so that no e-mail or IP address is stored.
    /// </summary>
    public static byte[] Key(params string[] parts) => SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));

    /// <summary>The source an attempt is counted for: the IP address, or an IPv6 address's /64 (one customer's network).</summary>
    public static string Network(IPAddress? source)
    {
        if (source is null)
        {
            return "unknown";
        }

        if (source.IsIPv4MappedToIPv6)
        {
            source = source.MapToIPv4();
        }

        if (source.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return source.ToString();
        }

        var bytes = source.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>
    /// One more attempt under <paramref name="key"/>, as set-based statements (concurrent attempts all count). While a
    /// lock is in force nothing is counted: attempts refused by the lock must not carry over and lock again the moment
    /// it ends (the page says when it ends).
    /// </summary>
    private async Task<(int Attempts, DateTime? LockedUntil)> CountAsync(byte[] key, DateTime now, CancellationToken cancellationToken)
    {
        var stale = now - ForgetAfter;
        Task<int> Increment() => db.SignInFailures.Where(f => f.Key == key).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.Failures, f => f.LockedUntil > now ? f.Failures : f.LastFailureAt < stale ? 1 : f.Failures + 1)
            .SetProperty(f => f.LastFailureAt, f => f.LockedUntil > now ? f.LastFailureAt : now), cancellationToken);

        if (await Increment() == 0)
        {
            try
            {
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO \"SignInFailures\" (\"Key\", \"Failures\", \"LastFailureAt\") VALUES ({key}, {1}, {now})", cancellationToken);
                return (1, null);
            }
            catch (Exception exception) when (DuplicateKey.Is(exception))
            {
                await Increment(); // another instance inserted it a moment ago
            }
        }

        var counter = await db.SignInFailures.AsNoTracking().Where(f => f.Key == key)
            .Select(f => new { f.Failures, f.LockedUntil }).FirstAsync(cancellationToken);
        return (counter.Failures, counter.LockedUntil);
    }

    /// <summary>Locks <paramref name="key"/> until <paramref name="until"/> when its count is at least <paramref name="limit"/>; true when it did.</summary>
    private async Task<bool> LockAsync(byte[] key, int limit, DateTime until, CancellationToken cancellationToken) =>
        await db.SignInFailures.Where(f => f.Key == key && f.Failures >= limit)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.LockedUntil, until).SetProperty(f => f.Failures, 0), cancellationToken) > 0;

    private static DateTime Later(DateTime? a, DateTime b) => a is { } value && value > b ? value : b;
}
