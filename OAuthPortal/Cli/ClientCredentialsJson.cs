using System.Text.Json.Serialization;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.Cli;

/// <summary>
/// The JSON printed by <c>clients create --json</c>; <c>client_secret</c> is left out for public clients. The grant types
/// are wire names (as RFC 7591 §2 <c>grant_types</c>); the machine scopes are scope names.
/// </summary>
internal sealed record ClientCredentialsJson(
    [property: JsonPropertyName(P.ClientId)] string ClientId,
    [property: JsonPropertyName(P.ClientSecret), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientSecret,
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string> GrantTypes,
    [property: JsonPropertyName("machine_scopes")] IReadOnlyList<string> MachineScopes);
