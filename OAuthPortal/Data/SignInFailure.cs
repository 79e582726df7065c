namespace OAuthPortal.Data;

/// <summary>
/// Attempts counted under one key (see <see cref="AttemptCounters"/>; the table keeps its first name): password sign-ins
/// (<c>Identity/SignInThrottle</c>: an e-mail address from one source (IP address), or from anywhere; counted the same
/// whether or not an account has that address, so the answers do not tell which do) and user codes typed on the device
/// page (<c>OAuth/Device/LimitUserCodeGuesses</c>: per user, per source). An attempt is counted before it is checked,
/// and a success deletes the row or takes its count back, so the count is of failures (and attempts still in flight).
/// The key is a SHA-256 hash: no e-mail address, user id or IP address is stored here.
/// </summary>
public sealed class SignInFailure
{
    public byte[] Key { get; set; } = [];

    /// <summary>Attempts since the last success or lockout (a day without attempts starts again from zero).</summary>
    public int Failures { get; set; }

    /// <summary>When the last attempt was counted (the column keeps its first name).</summary>
    public DateTime LastFailureAt { get; set; }

    /// <summary>Sign-ins under this key are refused until then.</summary>
    public DateTime? LockedUntil { get; set; }
}
