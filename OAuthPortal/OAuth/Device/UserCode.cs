using System.Security.Cryptography;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.OAuth.Device;

/// <summary>
/// The code a user types on the device page (RFC 8628 §6.1): 8 letters from 20 consonants (no vowels, so no words;
/// no easily confused letters), about 34.6 bits, shown as <c>XXXX-XXXX</c> and accepted in any case, with or without
/// the dash or spaces. Guessing is limited elsewhere (§5.1); here is its shape, its randomness and its hash.
/// </summary>
public static class UserCode
{
    public const string Alphabet = "BCDFGHJKLMNPQRSTVWXZ";
    public const int Length = 8;

    /// <summary>A new code from the CSPRNG, in its normalized form (8 letters, no dash).</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The code as shown: <c>BCDF-GHJK</c>.</summary>
    public static string Format(string normalized) => $"{normalized[..4]}-{normalized[4..]}";

    /// <summary>
    /// What the user typed, normalized: upper case, without dashes and white space; null when that is not 8 letters of
    /// the alphabet (such input cannot match a code, and is not worth a lookup).
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 64)
        {
            return null;
        }

        Span<char> letters = stackalloc char[Length];
        var count = 0;
        foreach (var c in typed)
        {
            if (c == '-' || char.IsWhiteSpace(c))
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (count == Length || !Alphabet.Contains(upper))
            {
                return null;
            }

            letters[count++] = upper;
        }

        return count == Length ? new string(letters) : null;
    }

    /// <summary>How a normalized code is stored and looked up.</summary>
    public static byte[] Hash(string normalized) => SecretHasher.Hash(normalized);
}
