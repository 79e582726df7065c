using System.Text.Json.Serialization;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>RFC 9126 §2.2: the answer of the pushed authorization request endpoint (201 Created).</summary>
public sealed record PushedAuthorizationResponse(
    [property: JsonPropertyName(P.RequestUri)] string RequestUri,
    [property: JsonPropertyName(P.ExpiresIn)] long ExpiresIn);
