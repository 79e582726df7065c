using System.Text.Json.Serialization;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.Cli;

/// <summary>
/// The JSON printed by <c>clients create --json</c>; <c>client_secret</c> is left out for public and private_key_jwt clients. The grant types
/// are wire names (as RFC 7591 §2 <c>grant_types</c>); the machine scopes are scope names.
/// </summary>
internal sealed record ClientCredentialsJson(
    [property: JsonPropertyName(P.ClientId)] string ClientId,
    [property: JsonPropertyName(P.ClientSecret), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientSecret,
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string> GrantTypes,
    [property: JsonPropertyName("machine_scopes")] IReadOnlyList<string> MachineScopes)
{
    [JsonPropertyName("token_endpoint_auth_method")]
    public string TokenEndpointAuthMethod { get; init; } = "";

    [JsonPropertyName("jwks_uri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? JwksUri { get; init; }

    /// <summary>The kids of the registered JWK Set (never key material); absent with a jwks_uri or no keys.</summary>
    [JsonPropertyName("jwks_kids"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? KeyIds { get; init; }

    [JsonPropertyName("require_pushed_authorization_requests")]
    public bool RequirePushedAuthorizationRequests { get; init; }

    [JsonPropertyName("dpop_bound_access_tokens")]
    public bool DpopBoundAccessTokens { get; init; }

    /// <summary><c>fapi2</c> or <c>none</c>.</summary>
    [JsonPropertyName("profile")]
    public string Profile { get; init; } = "";
}
