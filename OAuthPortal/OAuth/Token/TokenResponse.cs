using System.Text.Json.Serialization;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token;

/// <summary>A successful token response (RFC 6749 §5.1), with an id_token when <c>openid</c> was granted (OpenID Connect Core §3.1.3.3).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName(P.AccessToken)] string AccessToken,
    [property: JsonPropertyName(P.TokenType)] string TokenType,
    [property: JsonPropertyName(P.ExpiresIn)] long ExpiresIn,
    [property: JsonPropertyName(P.Scope)] string Scope,
    [property: JsonPropertyName(P.RefreshToken), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken,
    [property: JsonPropertyName(P.IdToken), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IdToken = null);
