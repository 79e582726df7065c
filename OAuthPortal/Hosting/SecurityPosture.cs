using Microsoft.Extensions.Options;
using OAuthPortal.Management.Security;
using OAuthPortal.OAuth;

namespace OAuthPortal.Hosting;

/// <summary>
/// The portal's RFC 9700 controls with their current settings: shown on /Admin/Security and logged at start-up (a
/// control that is off is logged as a warning).
/// </summary>
public sealed class SecurityPosture(IOptions<OAuthOptions> oauth, RateLimitSettings rateLimits, ForwardedHeadersSettings forwarded) : ISecurityPosture
{
    public IReadOnlyList<SecurityControl> Controls()
    {
        var o = oauth.Value;
        return
        [
            new("HTTPS on endpoints and redirect URIs", $"OAuth:RequireHttps = {o.RequireHttps}" + (forwarded.Enabled ? " (scheme from trusted proxies)" : ""),
                o.RequireHttps, "RFC 9700 §2.6, RFC 6749 §3.1"),
            new("state required (CSRF)", $"OAuth:RequireState = {o.RequireState}", o.RequireState, "RFC 6749 §10.12, RFC 9700 §2.1"),
            new("PKCE (S256) for public clients", "always; plain refused", true, "RFC 9700 §2.1.1, RFC 7636"),
            new("PKCE for confidential clients", $"OAuth:RequirePkceForConfidentialClients = {o.RequirePkceForConfidentialClients}",
                o.RequirePkceForConfidentialClients, "RFC 9700 §2.1.1"),
            new("PKCE downgrade refused", "always", true, "RFC 9700 §4.8"),
            new("Exact redirect URI matching", "always (loopback ports free for native apps)", true, "RFC 9700 §4.1.3, RFC 8252 §7.3"),
            new("Authorization code single use", $"always; lifetime {o.AuthorizationCodeLifetime}", true, "RFC 6749 §4.1.2"),
            new("Refresh token rotation and replay detection", o.AccessTokensRefreshable ? $"always; lifetime {o.RefreshTokenLifetime}" : "no refresh tokens issued",
                true, "RFC 9700 §4.14.2"),
            new("No implicit grant", "only response_type=code", true, "RFC 9700 §2.1.2"),
            new("Token responses not cached", "Cache-Control: no-store", true, "RFC 6749 §5.1"),
            new("Issuer in authorization responses", "iss on every redirect", true, "RFC 9207, RFC 9700 §4.4.2"),
            new("Bearer tokens never from the URL", o.AllowFormBodyBearer ? "header or form body" : "header only", true, "RFC 9700 §4.3.2"),
            new("Clickjacking protection", "X-Frame-Options: DENY, frame-ancestors 'none'", true, "RFC 9700 §4.16"),
            new("No third-party scripts or inline script", "CSP script-src 'self'", true, "RFC 9700 §4.2.4"),
            new("Rate limits", $"{rateLimits.OAuthPermitsPerMinute}/min per client and {rateLimits.OAuthPermitsPerMinutePerAddress}/min per IP at token endpoints; {rateLimits.LoginPermitsPerMinute}/min per IP at login and the other account forms",
                true, "RFC 9700 §4.10 (brute force)"),
        ];
    }
}
