namespace OAuthPortal.OAuth.Resources;

/// <summary>
/// A path prefix of this application that is a protected resource with its own metadata (RFC 9728), registered as a
/// service by the API that owns it. The bearer challenges of requests under it carry <c>resource_metadata</c> (§5.1);
/// its resource identifier (issuer + prefix) is always a known <c>resource</c> (RFC 8707, see
/// <see cref="ResolveResourceIndicators"/>) accepting <paramref name="Scopes"/>, and tokens meant for other resources
/// are refused under it (<see cref="RequireTokenMeantForResource"/>).
/// </summary>
public sealed record ProtectedResourcePath(string Prefix, IReadOnlyList<string>? Scopes = null)
{
    /// <summary>The registered prefix <paramref name="path"/> is under, or null.</summary>
    public static string? Of(IEnumerable<ProtectedResourcePath> paths, PathString path) =>
        paths.FirstOrDefault(p => path.StartsWithSegments(p.Prefix, StringComparison.OrdinalIgnoreCase))?.Prefix;
}
