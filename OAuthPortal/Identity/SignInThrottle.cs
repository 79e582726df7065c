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
/// Failures are counted per e-mail address <em>and source</em> (Portal:MaxFailedAccessAttempts from one IP address, or
/// one IPv6 /64, locks that source out of that address) and per e-mail address from everywhere
/// (Portal:MaxFailedAccessAttemptsPerAccount locks the address for everyone), for Portal:LockoutDuration. Addresses
/// without an account are counted exactly like the others, so a lockout says nothing about whether an account exists.
/// Counters start again after a success, a lockout, or a day without failures.
/// </summary>
public sealed class SignInThrottle(PortalDbContext db, ILookupNormalizer normalizer, IOptions<PortalOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    /// <summary>Until when sign-ins for <paramref name="email"/> from <paramref name="source"/> are refused; null when they are not.</summary>
    public async Task<DateTime?> LockedUntilAsync(string email, IPAddress? source, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (fromSource, fromAnywhere) = Keys(email, source);
        return await db.SignInFailures.AsNoTracking()
            .Where(f => (f.Key == fromSource || f.Key == fromAnywhere) && f.LockedUntil > now)
            .MaxAsync(f => f.LockedUntil, cancellationToken);
    }

    /// <summary>Counts a wrong password; returns until when the sign-in is now locked out, or null.</summary>
    public async Task<DateTime?> RecordFailureAsync(string email, IPAddress? source, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var (fromSource, fromAnywhere) = Keys(email, source);
        var sourceLock = await CountAsync(fromSource, settings.MaxFailedAccessAttempts, cancellationToken);
        var accountLock = await CountAsync(fromAnywhere, settings.MaxFailedAccessAttemptsPerAccount, cancellationToken);
        return sourceLock ?? accountLock;
    }

    /// <summary>A correct password: both counters start again.</summary>
    public Task ResetAsync(string email, IPAddress? source, CancellationToken cancellationToken = default)
    {
        var (fromSource, fromAnywhere) = Keys(email, source);
        return db.SignInFailures.Where(f => f.Key == fromSource || f.Key == fromAnywhere).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Deletes counters that have nothing left to say (no failure for a day, no lock in force).</summary>
    public Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - ForgetAfter;
        return db.SignInFailures.Where(f => f.LastFailureAt < stale && (f.LockedUntil == null || f.LockedUntil < now)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>One more failure under <paramref name="key"/> (a set-based update, so concurrent failures all count).</summary>
    private async Task<DateTime?> CountAsync(byte[] key, int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - ForgetAfter;
        var counted = await db.SignInFailures.Where(f => f.Key == key).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.Failures, f => f.LastFailureAt < stale ? 1 : f.Failures + 1)
            .SetProperty(f => f.LastFailureAt, now), cancellationToken);
        if (counted == 0 && !await TryInsertAsync(key, now, cancellationToken))
        {
            return await CountAsync(key, limit, cancellationToken); // another request inserted it first
        }

        var until = now + options.Value.LockoutDuration;
        await db.SignInFailures.Where(f => f.Key == key && f.Failures >= limit)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.LockedUntil, until).SetProperty(f => f.Failures, 0), cancellationToken);
        return await db.SignInFailures.AsNoTracking().Where(f => f.Key == key && f.LockedUntil > now)
            .Select(f => f.LockedUntil).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<bool> TryInsertAsync(byte[] key, DateTime now, CancellationToken cancellationToken)
    {
        db.SignInFailures.Add(new SignInFailure { Key = key, Failures = 1, LastFailureAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private (byte[] FromSource, byte[] FromAnywhere) Keys(string email, IPAddress? source)
    {
        var address = normalizer.NormalizeEmail(email.Trim()) ?? "";
        return (Hash($"source\n{address}\n{Network(source)}"), Hash($"account\n{address}"));
    }

    /// <summary>The source a failure is counted for: the IP address, or an IPv6 address's /64 (one customer's network).</summary>
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
