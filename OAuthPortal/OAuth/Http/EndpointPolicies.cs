namespace OAuthPortal.OAuth.Http;

/// <summary>
/// The names of the CORS and rate-limit policies the protocol endpoints and the sample API declare; Hosting defines
/// what each policy does (PortalCors, PortalRateLimits).
/// </summary>
public static class EndpointPolicies
{
    /// <summary>CORS for browser apps: any origin, no credentials (token, revocation, metadata, the sample API).</summary>
    public const string PublicCors = "PublicOAuth";

    /// <summary>The token, revocation and introspection endpoints' rate limit.</summary>
    public const string OAuthRateLimit = "oauth-endpoints";

    /// <summary>The dynamic client registration endpoint's rate limit (registrations per IP address).</summary>
    public const string RegistrationRateLimit = "registration";
}
