namespace OAuthPortal.Data;

/// <summary>
/// A JWT that may be used once and was: a DPoP proof (RFC 9449 §11.1) or a client assertion (RFC 7523 §3, <c>jti</c>).
/// The key is a SHA-256 of its kind, its issuer or key, and its <c>jti</c>; a unique key makes a second use fail on any
/// instance. Kept until the JWT could no longer be accepted anyway, then pruned.
/// </summary>
public sealed class UsedJwtId
{
    public byte[] Key { get; set; } = [];

    public DateTime ExpiresAt { get; set; }
}
