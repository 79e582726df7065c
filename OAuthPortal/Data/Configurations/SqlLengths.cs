namespace OAuthPortal.Data.Configurations;

internal static class SqlLengths
{
    /// <summary>Bytes in a SHA-256 digest: every stored secret, code and token hash.</summary>
    public const int Sha256 = 32;

    /// <summary>Characters of an RFC 7638 JWK thumbprint (SHA-256, base64url without padding).</summary>
    public const int JwkThumbprint = 43;
}
