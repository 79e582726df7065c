using Microsoft.Extensions.Options;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>The issuer identifier (RFC 8414 §2, RFC 9207): OAuth:Issuer, or the request's origin in Development and Testing.</summary>
public sealed class OAuthIssuer(IOptions<OAuthOptions> options)
{
    /// <param name="requestOrigin">The current request's <c>scheme://host[:port]</c>; used only when no issuer is configured.</param>
    public string Resolve(string requestOrigin) => string.IsNullOrEmpty(options.Value.Issuer) ? requestOrigin : options.Value.Issuer;
}
