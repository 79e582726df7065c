using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Http;

namespace OAuthPortal.Hosting;

/// <summary>
/// ASP.NET Core rate limiting. The OAuth JSON endpoints (token, revoke, introspect) have two limits, both applied: per
/// IP address (always), and per client for requests with HTTP Basic client credentials, keyed by the client_id and a
/// hash of the credential, so a caller without the secret cannot use up the real client's allowance. Login POSTs are
/// limited per IP address, and so are dynamic client registrations. A refused request gets 429 with Retry-After (and an OAuth JSON error on the OAuth endpoints).
/// </summary>
public static class PortalRateLimits
{
    public const string LoginPolicy = "login";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, RateLimitSettings settings)
    {
        services.AddSingleton(settings);
        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(EndpointPolicies.OAuthRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                "ip:" + RemoteAddress(context), _ => PerMinute(settings.OAuthPermitsPerMinutePerAddress)));
            // The global limiter runs first, for every request: it counts only OAuth endpoint requests with Basic credentials.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsOAuthEndpoint(context) && BasicClientKey(context.Request) is { } client
                    ? RateLimitPartition.GetFixedWindowLimiter("client:" + client, _ => PerMinute(settings.OAuthPermitsPerMinute))
                    : RateLimitPartition.GetNoLimiter(""));
            limiter.AddPolicy(EndpointPolicies.RegistrationRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter("register-ip:" + RemoteAddress(context), _ => PerMinute(settings.RegistrationPermitsPerMinutePerAddress))
                : RateLimitPartition.GetFixedWindowLimiter("ip:" + RemoteAddress(context), _ => PerMinute(settings.OAuthPermitsPerMinutePerAddress)));
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
        if (JsonEndpoints.Answers(rejected.HttpContext.Request))
        {
            await OAuthJsonError.WriteAsync(rejected.HttpContext,
                OAuthError.TemporarilyUnavailable($"Too many requests; retry after {retryAfter} seconds.", StatusCodes.Status429TooManyRequests));
        }
    }

    private static bool IsOAuthEndpoint(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == EndpointPolicies.OAuthRateLimit;

    /// <summary>
    /// "client_id:hash" of an <c>Authorization: Basic</c> header with a readable client_id (the body is not read here);
    /// the hash of the whole credential separates the real client from anyone presenting its client_id with a wrong secret.
    /// </summary>
    private static string? BasicClientKey(HttpRequest request)
    {
        var (scheme, token) = HttpAuthentication.Split(request.Headers.Authorization.ToString());
        if (!scheme.Equals(HttpAuthentication.BasicScheme, StringComparison.OrdinalIgnoreCase) || token.Length is 0 or > 2048)
        {
            return null;
        }

        var bytes = new byte[token.Length];
        if (!Convert.TryFromBase64String(token, bytes, out var length))
        {
            return null;
        }

        var colon = Array.IndexOf(bytes, (byte)':', 0, length);
        if (colon <= 0)
        {
            return null;
        }

        var clientId = Encoding.UTF8.GetString(bytes, 0, Math.Min(colon, 128));
        var credential = Convert.ToHexString(SHA256.HashData(bytes.AsSpan(0, length)), 0, 8);
        return clientId + ":" + credential;
    }

    private static string RemoteAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
