using System.Text.Json.Serialization;

namespace OAuthPortal.Cli;

/// <summary>The JSON printed by <c>clients create --json</c>; <c>client_secret</c> is left out for public clients.</summary>
internal sealed record ClientCredentialsJson(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientSecret);
