using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace OAuthPortal.Areas.Developer;

/// <summary>
/// A quickstart PKCE pair and state that stay the same for the browser session: both are an HMAC of the user and the
/// client under a random seed kept in a session cookie (HttpOnly, path /Developer), so reloading the client page keeps
/// the pair, and the test callback, in the same browser, finds the verifier again from the state. Nothing is stored on
/// the server (several instances agree), and a new browser session gets a new pair.
/// </summary>
public static class DeveloperSessionPkce
{
    public const string CookieName = "OAuthPortal.DeveloperSession";

    private const int SeedBytes = 32;

    /// <summary>The pair of <paramref name="clientId"/> for this session, making the session's seed when it has none yet.</summary>
    public static QuickstartPkce For(HttpContext http, string clientId)
    {
        var seed = SeedOf(http);
        if (seed is null)
        {
            seed = RandomNumberGenerator.GetBytes(SeedBytes);
            http.Response.Cookies.Append(CookieName, WebEncoders.Base64UrlEncode(seed), new CookieOptions
            {
                HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/Developer", IsEssential = true,
            });
        }

        return Derive(seed, UserOf(http), clientId);
    }

    /// <summary>The pair of <paramref name="clientId"/> if this session has a seed (the client page was seen), else null.</summary>
    public static QuickstartPkce? Existing(HttpContext http, string clientId) =>
        SeedOf(http) is { } seed ? Derive(seed, UserOf(http), clientId) : null;

    private static QuickstartPkce Derive(byte[] seed, string userId, string clientId)
    {
        var verifier = WebEncoders.Base64UrlEncode(HMACSHA256.HashData(seed, Encoding.UTF8.GetBytes($"verifier\n{userId}\n{clientId}")));
        var state = WebEncoders.Base64UrlEncode(HMACSHA256.HashData(seed, Encoding.UTF8.GetBytes($"state\n{userId}\n{clientId}")))[..22];
        return new QuickstartPkce(verifier, state);
    }

    private static string UserOf(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private static byte[]? SeedOf(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var seed = WebEncoders.Base64UrlDecode(value);
            return seed.Length == SeedBytes ? seed : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
