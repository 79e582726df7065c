using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.Hosting;

/// <summary>
/// The requests that are answered in JSON even when they fail before their endpoint runs (an unreadable charset, a rate
/// limit, a database outage): the OAuth endpoints that answer JSON (RFC 6749 §5.2), the metadata and the protected API.
/// Pages get the status-code page instead.
/// </summary>
public static class JsonEndpoints
{
    private static readonly string[] OAuthJsonPaths =
        [AuthorizationServerMetadata.TokenPath, AuthorizationServerMetadata.RevocationPath, AuthorizationServerMetadata.IntrospectionPath, AuthorizationServerMetadata.UserInfoPath,
        AuthorizationServerMetadata.DeviceAuthorizationPath];

    public static bool Answers(HttpRequest request) =>
        OAuthJsonPaths.Any(p => request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)) ||
        request.Path.StartsWithSegments(AuthorizationServerMetadata.RegistrationPath, StringComparison.OrdinalIgnoreCase) ||
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ||
        request.Path.StartsWithSegments("/.well-known", StringComparison.OrdinalIgnoreCase);
}
