using System.Text.Json.Serialization;

namespace OAuthPortal.OAuth.Resources;

/// <summary>
/// OAuth 2.0 Protected Resource Metadata (RFC 9728 §2): what a client that meets a protected resource needs to find
/// the authorization server, the scopes and how to present tokens. Served for the portal's own sample API at
/// <c>/.well-known/oauth-protected-resource/api</c> (§3.1: the resource's path after the well-known segment) and at
/// <c>/.well-known/oauth-protected-resource</c>.
/// </summary>
public sealed record ProtectedResourceMetadata(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("authorization_servers")] IReadOnlyList<string> AuthorizationServers,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
    [property: JsonPropertyName("bearer_methods_supported")] IReadOnlyList<string> BearerMethodsSupported,
    [property: JsonPropertyName("dpop_signing_alg_values_supported")] IReadOnlyList<string> DpopSigningAlgValuesSupported,
    [property: JsonPropertyName("resource_name")] string ResourceName)
{
    public const string WellKnownPath = "/.well-known/oauth-protected-resource";

    /// <summary>The document for the resource at <paramref name="issuer"/> + <paramref name="resourcePath"/>.</summary>
    public static ProtectedResourceMetadata Create(string issuer, string resourcePath, IReadOnlyList<string> scopes, bool formBodyBearer, string name) => new(
        issuer + resourcePath, [issuer], scopes,
        formBodyBearer ? ["header", "body"] : ["header"], // RFC 6750 §2.1, §2.2; never the query (RFC 9700 §4.3.2)
        Dpop.DpopProofValidator.Algorithms, name);

    /// <summary>Where the metadata of the resource at <paramref name="resourcePath"/> is (RFC 9728 §3.1), on <paramref name="issuer"/>'s origin.</summary>
    public static string UrlFor(string issuer, string resourcePath) => issuer + WellKnownPath + resourcePath;
}
