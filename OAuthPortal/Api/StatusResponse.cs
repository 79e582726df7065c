using System.Text.Json.Serialization;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.Api;

/// <summary>The body of <c>GET /api/status</c>: the service is up, and who called it (a client, and a user only if the token has one).</summary>
public sealed record StatusResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName(P.ClientId)] string ClientId,
    [property: JsonPropertyName(P.Subject), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserId,
    [property: JsonPropertyName(P.Scope)] string Scope,
    [property: JsonPropertyName("server_time")] long ServerTime);
