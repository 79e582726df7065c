using System.Buffers.Text;
using System.Security.Cryptography;

namespace OAuthPortal.OAuth.Secrets;

/// <summary>Creates credentials and identifiers from the operating system's CSPRNG (djoauth2 helpers).</summary>
public static class TokenGenerator
{
    /// <summary>256 bits: client secrets, authorization codes, access and refresh tokens (RFC 6749 §10.10).</summary>
    public const int SecretBytes = 32;

    /// <summary>128 bits: public client identifiers, unguessable but not secret.</summary>
    public const int ClientIdBytes = 16;

    /// <summary>A new secret: 43 URL-safe characters (base64url, no padding).</summary>
    public static string NewSecret() => RandomUrlSafe(SecretBytes);

    /// <summary>A new client_id: 22 URL-safe characters.</summary>
    public static string NewClientId() => RandomUrlSafe(ClientIdBytes);

    private static string RandomUrlSafe(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        RandomNumberGenerator.Fill(buffer);
        return Base64Url.EncodeToString(buffer);
    }
}
