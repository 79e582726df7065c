using System.Text.Json.Serialization;

namespace OAuthPortal.Cli;

/// <summary>
/// An initial access token as <c>registration-tokens create --json</c> (with <see cref="Token"/>, shown once) and
/// <c>registration-tokens list --json</c> (without it: only its hash exists) print it. Grant types are wire names;
/// null means any.
/// </summary>
internal sealed record RegistrationTokenJson(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("expires_at")] DateTime ExpiresAt,
    [property: JsonPropertyName("multi_use")] bool MultiUse,
    [property: JsonPropertyName("max_clients")] int MaxClients,
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string>? GrantTypes)
{
    [JsonPropertyName("token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }

    [JsonPropertyName("created_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? CreatedAt { get; init; }

    [JsonPropertyName("registered_clients"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RegisteredClients { get; init; }

    /// <summary><c>active</c>, <c>expired</c>, <c>used_up</c> or <c>revoked</c> (list only).</summary>
    [JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }
}
