namespace OAuthPortal.Hosting;

/// <summary>
/// Security headers on every response (RFC 9700 §4.16 clickjacking, §4.2.4 referrer; no inline script anywhere, so the
/// CSP allows scripts from the portal itself only). A header a page already chose (e.g. no-referrer on the
/// authorization endpoint) is kept. No form-action directive: browsers apply it to the redirect that follows the consent
/// form, which must reach the client's redirect URI.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.TryAdd("Content-Security-Policy", ContentSecurityPolicy);
            headers.TryAdd("X-Content-Type-Options", "nosniff");
            headers.TryAdd("X-Frame-Options", "DENY");
            headers.TryAdd("Referrer-Policy", "strict-origin-when-cross-origin");
            headers.TryAdd("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
