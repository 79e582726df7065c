using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;

namespace OAuthPortal.Identity;

/// <summary>
/// Lockout after wrong passwords, without account enumeration and without letting a stranger lock the owner out.
/// Attempts are counted per e-mail address <em>and source</em> (Portal:MaxFailedAccessAttempts from one IP address, or
/// one IPv6 /64, locks that source out of that address) and per e-mail address from everywhere
/// (Portal:MaxFailedAccessAttemptsPerAccount locks the address for every browser that has not signed in to it before:
/// see <see cref="TrustedDevices"/>), for Portal:LockoutDuration. Addresses without an account are counted exactly like
/// the others, so a lockout says nothing about whether an account exists.
/// <para>
/// An attempt is counted <em>before</em> its password is checked (<see cref="TryBeginAsync"/>), so guesses sent in
/// parallel cannot all get through; a success takes the count back to zero. Counters also start again after a lockout,
/// a password reset (the account-wide one) or a day without attempts. The writes go through the SQLite write queue
/// and never touch the request's tracked entities.
/// </para>
/// </summary>
public sealed class SignInThrottle(
    PortalDbContext db, DatabaseWriteGate writes, ILookupNormalizer normalizer, IOptions<PortalOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    /// <summary>
    /// Counts a sign-in attempt for <paramref name="email"/> from <paramref name="source"/> and says whether its password
    /// may be checked: false while a lock is in force, or when this attempt is over a limit (it then locks).
    /// A <paramref name="trustedDevice"/> is counted for its source only.
    /// </summary>
    public Task<bool> TryBeginAsync(string email, IPAddress? source, bool trustedDevice, CancellationToken cancellationToken = default) =>
        writes.RunAsync(async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var allowed = true;
            foreach (var (key, limit) in Counters(email, source, trustedDevice))
            {
                var (attempts, lockedUntil) = await CountAsync(key, now, cancellationToken);
                if (lockedUntil > now)
                {
                    allowed = false;
                }
                else if (attempts > limit)
                {
                    await LockAsync(key, 0, now, cancellationToken);
                    allowed = false;
                }
            }

            return allowed;
        }, cancellationToken);

    /// <summary>The password was wrong: a counter at its limit locks now. True when the sign-in is now locked out.</summary>
    public Task<bool> FailedAsync(string email, IPAddress? source, bool trustedDevice, CancellationToken cancellationToken = default) =>
        writes.RunAsync(async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var locked = false;
            foreach (var (key, limit) in Counters(email, source, trustedDevice))
            {
                locked |= await LockAsync(key, limit, now, cancellationToken);
            }

            return locked;
        }, cancellationToken);

    /// <summary>The right password: both counters start again.</summary>
    public Task SucceededAsync(string email, IPAddress? source, CancellationToken cancellationToken = default) =>
        ForgetAsync([SourceKey(email, source), AccountKey(email)], cancellationToken);

    /// <summary>A completed password reset (the owner proved the mailbox is theirs): the account-wide counter starts again.</summary>
    public Task ForgetAccountAsync(string email, CancellationToken cancellationToken = default) =>
        ForgetAsync([AccountKey(email)], cancellationToken);

    /// <summary>Deletes counters that have nothing left to say (no attempt for a day, no lock in force).</summary>
    public Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - ForgetAfter;
        return writes.RunAsync(() => db.SignInFailures.Where(f => f.LastFailureAt < stale && (f.LockedUntil == null || f.LockedUntil < now))
            .ExecuteDeleteAsync(cancellationToken), cancellationToken);
    }

    private IEnumerable<(byte[] Key, int Limit)> Counters(string email, IPAddress? source, bool trustedDevice)
    {
        yield return (SourceKey(email, source), options.Value.MaxFailedAccessAttempts);
        if (!trustedDevice)
        {
            yield return (AccountKey(email), options.Value.MaxFailedAccessAttemptsPerAccount);
        }
    }

    private Task ForgetAsync(byte[][] keys, CancellationToken cancellationToken) =>
        writes.RunAsync(() => db.SignInFailures.Where(f => keys.Contains(f.Key)).ExecuteDeleteAsync(cancellationToken), cancellationToken);

    /// <summary>One more attempt under <paramref name="key"/>, as set-based statements (concurrent attempts all count).</summary>
    private async Task<(int Attempts, DateTime? LockedUntil)> CountAsync(byte[] key, DateTime now, CancellationToken cancellationToken)
    {
        var stale = now - ForgetAfter;
        Task<int> Increment() => db.SignInFailures.Where(f => f.Key == key).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.Failures, f => f.LastFailureAt < stale ? 1 : f.Failures + 1)
            .SetProperty(f => f.LastFailureAt, now), cancellationToken);

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

    /// <summary>Locks <paramref name="key"/> for Portal:LockoutDuration when its count is at least <paramref name="limit"/>; true when it did.</summary>
    private async Task<bool> LockAsync(byte[] key, int limit, DateTime now, CancellationToken cancellationToken)
    {
        var until = now + options.Value.LockoutDuration;
        return await db.SignInFailures.Where(f => f.Key == key && f.Failures >= limit)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.LockedUntil, until).SetProperty(f => f.Failures, 0), cancellationToken) > 0;
    }

    private byte[] SourceKey(string email, IPAddress? source) => Hash($"source\n{Normalize(email)}\n{Network(source)}");

    private byte[] AccountKey(string email) => Hash($"account\n{Normalize(email)}");

    private string Normalize(string email) => normalizer.NormalizeEmail(email.Trim()) ?? "";

    /// <summary>The source an attempt is counted for: the IP address, or an IPv6 address's /64 (one customer's network).</summary>
    private static string Network(IPAddress? source)
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

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
