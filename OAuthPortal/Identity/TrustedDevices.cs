using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OAuthPortal.OAuth;

namespace OAuthPortal.Identity;

/// <summary>
/// Browsers that have signed in to an e-mail address before keep a protected cookie that says so (OWASP's "device
/// cookies"). <see cref="SignInThrottle"/> counts their attempts for their source only, so guessing spread over many
/// networks, which locks the address everywhere else, cannot keep the owner out of the browsers they use. The cookie
/// names no address (it holds hashes of up to <see cref="MaxAddresses"/> of them), is HttpOnly, and lasts 180 days.
/// </summary>
public sealed class TrustedDevices(IDataProtectionProvider protection, ILookupNormalizer normalizer, IOptions<OAuthOptions> oauth)
{
    public const string CookieName = ".OAuthPortal.Device";
    private const int MaxAddresses = 5;
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("OAuthPortal.TrustedDevices.v1").ToTimeLimitedDataProtector();

    public bool IsTrusted(HttpRequest request, string email) => Addresses(request).Contains(Fingerprint(email));

    /// <summary>After a successful sign-in: this browser is trusted for <paramref name="email"/> from now on.</summary>
    public void Remember(HttpContext context, string email)
    {
        var addresses = Addresses(context.Request).Where(a => a != Fingerprint(email)).Prepend(Fingerprint(email)).Take(MaxAddresses);
        // Lifetimes, not dates: the protector and the browser both count from their own "now".
        context.Response.Cookies.Append(CookieName, Protector.Protect(string.Join(' ', addresses), Lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = oauth.Value.RequireHttps || context.Request.IsHttps,
            MaxAge = Lifetime,
            Path = "/",
            IsEssential = true,
        });
    }

    private List<string> Addresses(HttpRequest request)
    {
        if (request.Cookies[CookieName] is not { Length: > 0 } cookie)
        {
            return [];
        }

        try
        {
            return Protector.Unprotect(cookie).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        catch (CryptographicException)
        {
            return []; // tampered, expired, or from a key ring that is gone: an unknown browser
        }
    }

    private string Fingerprint(string email) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalizer.NormalizeEmail(email.Trim()) ?? "")), 0, 16);
}
