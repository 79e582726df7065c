namespace OAuthPortal.Hosting;

/// <summary>Settings of section <c>Portal:RateLimits</c>: requests per minute before 429 (raise them for load tests).</summary>
public sealed class RateLimitSettings
{
    public const string SectionName = "Portal:RateLimits";

    /// <summary>Token, revocation and introspection requests per minute, per client_id (Basic header) or else per IP address.</summary>
    public int OAuthPermitsPerMinute { get; set; } = 1200;

    /// <summary>Sign-in attempts (login form POSTs) per minute per IP address.</summary>
    public int LoginPermitsPerMinute { get; set; } = 30;
}
