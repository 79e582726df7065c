using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using OAuthPortal.OAuth;

namespace OAuthPortal.Hosting;

/// <summary>
/// ASP.NET Core rate limiting: the OAuth JSON endpoints per client (falling back to the IP address), login POSTs per IP
/// address. A refused request gets 429 with Retry-After (and an OAuth JSON error on the OAuth endpoints).
/// </summary>
public static class PortalRateLimits
{
    public const string OAuthPolicy = "oauth-endpoints";
    public const string LoginPolicy = "login";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, RateLimitSettings settings)
    {
        services.AddSingleton(settings);
        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(OAuthPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                "client:" + (BasicClientId(context.Request) ?? "ip:" + RemoteAddress(context)), _ => PerMinute(settings.OAuthPermitsPerMinute)));
            limiter.AddPolicy(LoginPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter("ip:" + RemoteAddress(context), _ => PerMinute(settings.LoginPermitsPerMinute))
                : RateLimitPartition.GetNoLimiter("get"));
            limiter.OnRejected = RejectAsync;
        });
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
    };

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var path = rejected.HttpContext.Request.Path;
        if (path.StartsWithSegments("/oauth2", StringComparison.OrdinalIgnoreCase))
        {
            response.Headers.CacheControl = "no-store";
            response.ContentType = "application/json";
            var error = new OAuthErrorResponse("temporarily_unavailable", $"Too many requests; retry after {retryAfter} seconds.");
            await response.WriteAsync(JsonSerializer.Serialize(error), cancellationToken);
        }
    }

    /// <summary>The client_id of an <c>Authorization: Basic</c> header, when there is a readable one (the body is not read here).</summary>
    private static string? BasicClientId(HttpRequest request)
    {
        var (scheme, token) = HttpAuthentication.Split(request.Headers.Authorization.ToString());
        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || token.Length is 0 or > 2048)
        {
            return null;
        }

        var bytes = new byte[token.Length];
        if (!Convert.TryFromBase64String(token, bytes, out var length))
        {
            return null;
        }

        var decoded = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = decoded.IndexOf(':');
        return colon > 0 ? decoded[..Math.Min(colon, 128)] : null;
    }

    private static string RemoteAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
