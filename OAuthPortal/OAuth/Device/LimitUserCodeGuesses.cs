using System.Net;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Device;

/// <summary>
/// RFC 8628 §5.1: a user code has only about 35 bits, so guessing one must be impractical. Every code typed on the device
/// page (to look it up, allow or decline) is counted against the signed-in user (OAuth:UserCodeAttempts:PerUser) and
/// against the source address (PerSource; an IPv6 address per /64) <em>before</em> it is checked, so guesses sent in
/// parallel cannot all get through. A wrong or malformed code stays counted; a right one takes its count back (someone
/// who starts device requests of their own gains no guesses by entering their own codes). At a limit, every code from
/// that user, or that source, is refused for LockoutDuration, the right ones too. The counters are
/// <see cref="AttemptCounters"/>' (in the database: several instances count together), under keys of their own.
/// </summary>
public sealed class LimitUserCodeGuesses(
    AttemptCounters counters, IOptions<OAuthOptions> options, ILogger<LimitUserCodeGuesses> logger)
{
    private const string UserPrefix = "user-code-user";
    private const string SourcePrefix = "user-code-source";

    /// <summary>
    /// Counts a code typed by <paramref name="userId"/> from <paramref name="source"/>, then, unless refused, runs
    /// <paramref name="check"/> (the lookup or the decision; true when the code was right) and counts its answer.
    /// </summary>
    public async Task<UserCodeGuess> CheckAsync(
        string userId, IPAddress? source, Func<CancellationToken, Task<bool>> check, CancellationToken cancellationToken = default)
    {
        var attempts = options.Value.UserCodeAttempts;
        List<AttemptLimit> limits =
        [
            new(AttemptCounters.Key(UserPrefix, userId), attempts.PerUser),
            new(AttemptCounters.Key(SourcePrefix, AttemptCounters.Network(source)), attempts.PerSource),
        ];
        if (await counters.BeginAsync(limits, attempts.LockoutDuration, cancellationToken) is { } refusedUntil)
        {
            logger.LogWarning("A user code was refused: too many wrong codes from this user or source, until {Until:u}.", refusedUntil);
            return new UserCodeGuess(false, refusedUntil);
        }

        if (await check(cancellationToken))
        {
            await counters.TakeBackAsync(limits.Select(l => l.Key).ToList(), cancellationToken);
            return new UserCodeGuess(true, null);
        }

        var lockedUntil = await counters.FailedAsync(limits, attempts.LockoutDuration, cancellationToken);
        if (lockedUntil is not null)
        {
            logger.LogWarning("Too many wrong user codes from one user or source: codes are refused until {Until:u}.", lockedUntil);
        }

        return new UserCodeGuess(false, lockedUntil);
    }
}
