using Microsoft.Extensions.Primitives;

namespace OAuthPortal.OAuth.Bearer;

/// <summary>
/// What a protected-resource request offers for bearer authentication: its transport, its Authorization header(s),
/// and the form-body access_token when the adapter may read one (OAuth:AllowFormBodyBearer).
/// </summary>
public sealed record BearerRequest(bool IsHttps, StringValues AuthorizationHeaders, StringValues FormAccessTokens);
