namespace OAuthPortal.Data;

/// <summary>
/// Password sign-in attempts counted under one key (see <c>Identity/SignInThrottle</c>): an e-mail address from one
/// source (IP address), or an e-mail address from anywhere. An attempt is counted before its password is checked and a
/// success deletes the row, so the count is of failures (and attempts still in flight). Counted the same whether or not an account has that address, so the answers do not tell which do.
/// The key is a SHA-256 hash: no e-mail address or IP address is stored here.
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
