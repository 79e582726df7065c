using System.Text.Json.Serialization;
using OAuthPortal.OAuth.Authorization;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>RFC 8414 authorization server metadata, served at /.well-known/oauth-authorization-server.</summary>
public sealed record AuthorizationServerMetadata
{
    public const string WellKnownPath = "/.well-known/oauth-authorization-server";
    public const string AuthorizationPath = "/oauth2/authorize";
    public const string TokenPath = "/oauth2/token";
    public const string RevocationPath = "/oauth2/revoke";
    public const string IntrospectionPath = "/oauth2/introspect";

    private static readonly string[] ClientAuthMethods =
        [ClientAuthenticationMethod.ClientSecretBasic, ClientAuthenticationMethod.ClientSecretPost, ClientAuthenticationMethod.None];

    [JsonPropertyName("issuer")] public required string Issuer { get; init; }
    [JsonPropertyName("authorization_endpoint")] public required string AuthorizationEndpoint { get; init; }
    [JsonPropertyName("token_endpoint")] public required string TokenEndpoint { get; init; }
    [JsonPropertyName("revocation_endpoint")] public required string RevocationEndpoint { get; init; }
    [JsonPropertyName("introspection_endpoint")] public required string IntrospectionEndpoint { get; init; }
    [JsonPropertyName("scopes_supported")] public required IReadOnlyList<string> ScopesSupported { get; init; }
    [JsonPropertyName("response_types_supported")] public IReadOnlyList<string> ResponseTypesSupported { get; } = [OAuthParameterNames.ResponseTypeCode];
    [JsonPropertyName("response_modes_supported")] public IReadOnlyList<string> ResponseModesSupported { get; } = [OAuthParameterNames.ResponseModeQuery];
    /// <summary>The grant types registered with the token endpoint (<c>ITokenGrant</c>).</summary>
    [JsonPropertyName("grant_types_supported")] public required IReadOnlyList<string> GrantTypesSupported { get; init; }
    [JsonPropertyName("token_endpoint_auth_methods_supported")] public IReadOnlyList<string> TokenEndpointAuthMethodsSupported { get; } = ClientAuthMethods;
    [JsonPropertyName("revocation_endpoint_auth_methods_supported")] public IReadOnlyList<string> RevocationEndpointAuthMethodsSupported { get; } = ClientAuthMethods;
    [JsonPropertyName("introspection_endpoint_auth_methods_supported")] public IReadOnlyList<string> IntrospectionEndpointAuthMethodsSupported { get; } =
        [ClientAuthenticationMethod.ClientSecretBasic, ClientAuthenticationMethod.ClientSecretPost];
    [JsonPropertyName("code_challenge_methods_supported")] public IReadOnlyList<string> CodeChallengeMethodsSupported { get; } = [RequirePkceForPublicClients.S256];
    [JsonPropertyName("authorization_response_iss_parameter_supported")] public bool AuthorizationResponseIssParameterSupported => true;

    public static AuthorizationServerMetadata Create(string issuer, IEnumerable<string> scopes, IEnumerable<string> grantTypes) => new()
    {
        GrantTypesSupported = grantTypes.ToList(),
        Issuer = issuer,
        AuthorizationEndpoint = issuer + AuthorizationPath,
        TokenEndpoint = issuer + TokenPath,
        RevocationEndpoint = issuer + RevocationPath,
        IntrospectionEndpoint = issuer + IntrospectionPath,
        ScopesSupported = scopes.ToList(),
    };
}
