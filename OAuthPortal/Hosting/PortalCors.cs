using OAuthPortal.OAuth.Http;

namespace OAuthPortal.Hosting;

/// <summary>
/// CORS for browser apps (public clients, SPAs): the token and revocation endpoints, the metadata and the sample API
/// may be called from any origin. They never rely on cookies, so no credentials are allowed; pages and the
/// authorization endpoint (navigations, not fetches) get no CORS headers, nor does introspection (server to server).
/// A browser app may send DPoP proofs (RFC 9449) and read the nonce the server asks for.
/// </summary>
public static class PortalCors
{
    public static IServiceCollection AddPortalCors(this IServiceCollection services) =>
        services.AddCors(cors => cors.AddPolicy(EndpointPolicies.PublicCors, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Authorization", "Content-Type", OAuth.Dpop.RequireDpopProof.HeaderName)
            .WithExposedHeaders("WWW-Authenticate", "DPoP-Nonce")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
}
