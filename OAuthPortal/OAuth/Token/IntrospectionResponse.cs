using System.Text.Json.Serialization;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token;

/// <summary>An RFC 7662 §2.2 introspection response; inactive tokens carry nothing but <c>active: false</c>.</summary>
public sealed record IntrospectionResponse
{
    public static readonly IntrospectionResponse Inactive = new() { Active = false };

    [JsonPropertyName(P.Active)]
    public required bool Active { get; init; }

    [JsonPropertyName(P.Scope), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Scope { get; init; }

    [JsonPropertyName(P.ClientId), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientId { get; init; }

    [JsonPropertyName(P.Username), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Username { get; init; }

    [JsonPropertyName(P.Subject), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Subject { get; init; }

    [JsonPropertyName(P.TokenType), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TokenType { get; init; }

    [JsonPropertyName(P.ExpiresAt), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ExpiresAt { get; init; }

    [JsonPropertyName(P.IssuedAt), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? IssuedAt { get; init; }

    [JsonPropertyName(P.Issuer), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Issuer { get; init; }

    /// <summary>
    /// RFC 7662 §2.2 <c>aud</c>: the resources the token is meant for (RFC 8707), always an array, even of one; absent
    /// when the token names none.
    /// </summary>
    [JsonPropertyName(P.Audience), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Audience { get; init; }

    /// <summary>RFC 9449 §6.2: the key a DPoP-bound token is bound to, <c>{"jkt": "..."}</c>.</summary>
    [JsonPropertyName(P.Confirmation), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Confirmation { get; init; }
}
