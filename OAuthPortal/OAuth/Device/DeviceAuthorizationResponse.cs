using System.Text.Json.Serialization;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Device;

/// <summary>RFC 8628 §3.2: what the device shows its user and polls with.</summary>
public sealed record DeviceAuthorizationResponse(
    [property: JsonPropertyName(P.DeviceCode)] string DeviceCode,
    [property: JsonPropertyName(P.UserCode)] string UserCode,
    [property: JsonPropertyName(P.VerificationUri)] string VerificationUri,
    [property: JsonPropertyName(P.VerificationUriComplete)] string VerificationUriComplete,
    [property: JsonPropertyName(P.ExpiresIn)] long ExpiresIn,
    [property: JsonPropertyName(P.Interval)] int Interval);
