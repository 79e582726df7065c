using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OAuthPortal.OAuth;

namespace OAuthPortal.Identity;

/// <summary>
/// Who the portal is to a passkey (WebAuthn's relying party): the issuer's host as the RP ID and the issuer's origin as
/// the only origin when OAuth:Issuer is set (always in production, where a TLS proxy may sit in front and the request
/// itself looks like plain http); without one (Development, tests), the request's own host and origin, so
/// http://localhost:PORT works. Browsers refuse passkeys on IP-address hosts such as 127.0.0.1: use localhost.
/// Frames never count (<c>crossOrigin</c>), nor any other origin: a passkey made for one site is useless on another.
/// </summary>
public static class PasskeyRelyingParty
{
    public static void Configure(IdentityPasskeyOptions passkeys, IOptions<OAuthOptions> oauth)
    {
        var issuer = string.IsNullOrEmpty(oauth.Value.Issuer) ? null : new Uri(oauth.Value.Issuer);
        passkeys.ServerDomain = issuer?.IdnHost; // null: Identity takes the request's host
        passkeys.ValidateOrigin = context => ValueTask.FromResult(IsAllowed(context.Origin, context.CrossOrigin, context.TopOrigin, ExpectedOrigin(context.HttpContext, issuer)));
    }

    /// <summary>The one origin passkey ceremonies may come from: the issuer's, or else the request's.</summary>
    public static string ExpectedOrigin(HttpContext http, Uri? issuer) =>
        issuer?.GetLeftPart(UriPartial.Authority) ?? $"{http.Request.Scheme}://{http.Request.Host.ToUriComponent()}";

    public static string ExpectedOrigin(HttpContext http, OAuthOptions oauth) =>
        ExpectedOrigin(http, string.IsNullOrEmpty(oauth.Issuer) ? null : new Uri(oauth.Issuer));

    public static bool IsAllowed(string? origin, bool crossOrigin, string? topOrigin, string expected) =>
        !crossOrigin && (topOrigin is null || string.Equals(topOrigin, expected, StringComparison.OrdinalIgnoreCase)) &&
        string.Equals(origin, expected, StringComparison.OrdinalIgnoreCase);
}
