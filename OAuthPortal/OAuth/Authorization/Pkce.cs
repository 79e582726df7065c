using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>RFC 7636 rules shared by the authorization and token endpoints.</summary>
public static class Pkce
{
    /// <summary>The only method accepted (RFC 9700 §2.1.1: <c>plain</c> must not be used).</summary>
    public const string S256 = "S256";

    public const int MinLength = 43;
    public const int MaxLength = 128;

    /// <summary>RFC 7636 §4.1/§4.2: 43-128 characters of <c>[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"</c>.</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: >= MinLength and <= MaxLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    /// <summary>BASE64URL(SHA256(ASCII(verifier))), RFC 7636 §4.2.</summary>
    public static string S256Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>Constant-time check that <paramref name="verifier"/> answers <paramref name="challenge"/> (RFC 7636 §4.6).</summary>
    public static bool Verifies(string verifier, string challenge) =>
        IsWellFormed(verifier) &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(S256Challenge(verifier)), Encoding.ASCII.GetBytes(challenge));
}
