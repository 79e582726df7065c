using System.Text.Json.Serialization;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.Api;

/// <summary>The body of <c>GET /api/me</c>.</summary>
public sealed record MeResponse(
    [property: JsonPropertyName(P.Subject)] string Subject,
    [property: JsonPropertyName(P.Email)] string? Email,
    [property: JsonPropertyName(P.ClientId)] string ClientId,
    [property: JsonPropertyName(P.Scope)] string Scope);
