using System.Text.Json.Serialization;

namespace OAuthPortal.Api;

/// <summary>The body of <c>GET /api/me</c>.</summary>
public sealed record MeResponse(
    [property: JsonPropertyName("sub")] string Subject,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("scope")] string Scope);
