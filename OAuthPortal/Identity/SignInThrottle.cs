using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;

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
/// a password reset (the account-wide one) or a day without attempts. The counting itself is <see cref="AttemptCounters"/>'
/// (in the database, shared by every instance); the keys here start with <c>source</c> and <c>account</c>.
/// </para>
/// </summary>
public sealed class SignInThrottle(AttemptCounters counters, ILookupNormalizer normalizer, IOptions<PortalOptions> options, PortalMetrics metrics)
{
    /// <summary>
    /// Counts a sign-in attempt for <paramref name="email"/> from <paramref name="source"/> and says whether its password
    /// may be checked: false while a lock is in force, or when this attempt is over a limit (it then locks).
    /// A <paramref name="trustedDevice"/> is counted for its source only.
    /// </summary>
    public async Task<bool> TryBeginAsync(string email, IPAddress? source, bool trustedDevice, CancellationToken cancellationToken = default)
    {
        var admitted = await counters.BeginAsync(Limits(email, source, trustedDevice), options.Value.LockoutDuration, cancellationToken) is null;
        if (!admitted)
        {
            metrics.SignInFailed(PortalMetrics.LockedOut);
        }

        return admitted;
    }

    /// <summary>The password was wrong: a counter at its limit locks now. True when the sign-in is now locked out.</summary>
    public async Task<bool> FailedAsync(string email, IPAddress? source, bool trustedDevice, CancellationToken cancellationToken = default)
    {
        metrics.SignInFailed(PortalMetrics.WrongPassword);
        return await counters.FailedAsync(Limits(email, source, trustedDevice), options.Value.LockoutDuration, cancellationToken) is not null;
    }

    /// <summary>The right password: both counters start again.</summary>
    public Task SucceededAsync(string email, IPAddress? source, CancellationToken cancellationToken = default) =>
        counters.ForgetAsync([SourceKey(email, source), AccountKey(email)], cancellationToken);

    /// <summary>
    /// Until when sign-ins to <paramref name="email"/> from <paramref name="source"/> are refused (the lockout page says
    /// how long); null when no lock is in force. Alike for addresses with and without an account.
    /// </summary>
    public Task<DateTime?> LockedUntilAsync(string email, IPAddress? source, bool trustedDevice, CancellationToken cancellationToken = default) =>
        counters.LockedUntilAsync(Limits(email, source, trustedDevice).Select(l => l.Key).ToList(), cancellationToken);

    /// <summary>A completed password reset (the owner proved the mailbox is theirs): the account-wide counter starts again.</summary>
    public Task ForgetAccountAsync(string email, CancellationToken cancellationToken = default) =>
        counters.ForgetAsync([AccountKey(email)], cancellationToken);

    private List<AttemptLimit> Limits(string email, IPAddress? source, bool trustedDevice)
    {
        List<AttemptLimit> limits = [new(SourceKey(email, source), options.Value.MaxFailedAccessAttempts)];
        if (!trustedDevice)
        {
            limits.Add(new(AccountKey(email), options.Value.MaxFailedAccessAttemptsPerAccount));
        }

        return limits;
    }

    private byte[] SourceKey(string email, IPAddress? source) => AttemptCounters.Key("source", Normalize(email), AttemptCounters.Network(source));

    private byte[] AccountKey(string email) => AttemptCounters.Key("account", Normalize(email));

    private string Normalize(string email) => normalizer.NormalizeEmail(email.Trim()) ?? "";
}
