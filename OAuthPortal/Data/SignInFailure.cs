namespace OAuthPortal.Data;

/// <summary>
/// Failed password sign-ins counted under one key: an e-mail address from one source (IP address), or an e-mail address
/// from anywhere. Counted the same whether or not an account has that address, so the answers do not tell which do.
/// The key is a SHA-256 hash: no e-mail address or IP address is stored here.
/// </summary>
public sealed class SignInFailure
{
    public byte[] Key { get; set; } = [];

    /// <summary>Failures since the last success or lockout (a day without failures starts again from zero).</summary>
    public int Failures { get; set; }

    public DateTime LastFailureAt { get; set; }

    /// <summary>Sign-ins under this key are refused until then.</summary>
    public DateTime? LockedUntil { get; set; }
}
