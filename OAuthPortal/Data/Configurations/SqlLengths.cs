namespace OAuthPortal.Data.Configurations;

internal static class SqlLengths
{
    /// <summary>Bytes in a SHA-256 digest: every stored secret, code and token hash.</summary>
    public const int Sha256 = 32;
}
