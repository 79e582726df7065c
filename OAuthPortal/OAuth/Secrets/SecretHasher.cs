using System.Security.Cryptography;
using System.Text;

namespace OAuthPortal.OAuth.Secrets;

/// <summary>
/// Hashes server-generated credentials (client secrets, codes, tokens) for storage and lookup.
/// They carry 256 bits of CSPRNG entropy, so one SHA-256 is enough: no salt, no slow KDF
/// (those protect guessable passwords), and the hash can be indexed.
/// </summary>
public static class SecretHasher
{
    public static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    /// <summary>Constant-time comparison of a presented credential with a stored hash.</summary>
    public static bool Matches(string presented, byte[]? storedHash) =>
        storedHash is { Length: SHA256.HashSizeInBytes } &&
        CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);
}
