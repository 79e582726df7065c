using Microsoft.Extensions.Primitives;

namespace OAuthPortal.OAuth.Bearer;

/// <summary>
/// What a protected-resource request offers for bearer authentication: its transport, its Authorization header(s),
/// and the form-body access_token when the adapter may read one (OAuth:AllowFormBodyBearer); for a DPoP-bound token,
/// its DPoP header(s), and the method and URL (without query) a proof must name (RFC 9449 §7.1).
/// </summary>
public sealed record BearerRequest(bool IsHttps, StringValues AuthorizationHeaders, StringValues FormAccessTokens)
{
    public StringValues DpopProofs { get; init; }
    public string Method { get; init; } = "";
    public string Url { get; init; } = "";

    /// <summary>The resource identifier the request is addressed to (RFC 8707), checked against the token's audience; null for none.</summary>
    public string? Resource { get; init; }
}
