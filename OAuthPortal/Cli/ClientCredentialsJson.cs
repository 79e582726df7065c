using System.Text.Json.Serialization;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.Cli;

/// <summary>The JSON printed by <c>clients create --json</c>; <c>client_secret</c> is left out for public clients.</summary>
internal sealed record ClientCredentialsJson(
    [property: JsonPropertyName(P.ClientId)] string ClientId,
    [property: JsonPropertyName(P.ClientSecret), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientSecret);
