using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace OAuthPortal.Management.Users;

/// <summary>
/// A password an administrator hands to a user (shown once): random from a CSPRNG, long enough for any sensible rule,
/// and holding every kind of character the portal's password options may require.
/// </summary>
public static class TemporaryPassword
{
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Symbols = "-_.!#%+";
    private const int MinimumLength = 20;

    public static string New(PasswordOptions options)
    {
        var length = Math.Max(MinimumLength, options.RequiredLength);
        // One of each kind first (whatever the options require), the rest from all of them, then shuffled.
        var characters = new List<char>
        {
            Pick(Lower), Pick(Upper), Pick(Digits), Pick(Symbols),
        };
        const string all = Lower + Upper + Digits + Symbols;
        while (characters.Count < length)
        {
            characters.Add(Pick(all));
        }

        var shuffled = characters.ToArray();
        RandomNumberGenerator.Shuffle(shuffled.AsSpan());
        return new string(shuffled);
    }

    private static char Pick(string alphabet) => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
}
