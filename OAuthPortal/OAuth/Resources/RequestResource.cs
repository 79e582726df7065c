using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.OAuth.Resources;

/// <summary>The resource identifier a request to one of the portal's own APIs is addressed to: issuer + its <see cref="ProtectedResourcePath"/> prefix.</summary>
public sealed class RequestResource(OAuthIssuer issuer, IEnumerable<ProtectedResourcePath> resources)
{
    /// <summary>Null when the request is under no registered prefix.</summary>
    public string? Of(HttpContext context) =>
        ProtectedResourcePath.Of(resources, context.Request.PathBase + context.Request.Path) is { } prefix
            ? issuer.Resolve($"{context.Request.Scheme}://{context.Request.Host}") + prefix
            : null;
}
