using OAuthPortal.OAuth.Http;

namespace OAuthPortal.Hosting;

/// <summary>
/// CORS for browser apps (public clients, SPAs): the token and revocation endpoints, the metadata and the sample API
/// may be called from any origin. They never rely on cookies, so no credentials are allowed; pages and the
/// authorization endpoint (navigations, not fetches) get no CORS headers, nor does introspection (server to server).
/// </summary>
public static class PortalCors
{
    public static IServiceCollection AddPortalCors(this IServiceCollection services) =>
        services.AddCors(cors => cors.AddPolicy(EndpointPolicies.PublicCors, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Authorization", "Content-Type")
            .WithExposedHeaders("WWW-Authenticate")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
}
