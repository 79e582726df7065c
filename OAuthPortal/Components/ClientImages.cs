namespace OAuthPortal.Components;

/// <summary>
/// Whether a client's image (<c>Client.ImageUrl</c>, a developer's image URL or a program's <c>logo_uri</c>, RFC 7591 §2) may be
/// put in an <c>img</c>: only an absolute https URL. Registration refuses anything else; this checks again where the image is
/// shown (defence in depth: rows written before the rule, or by another path), so no page loads a client's image over
/// plain http, from a relative path of the portal, or from a <c>javascript:</c> or <c>data:</c> URL.
/// </summary>
public static class ClientImages
{
    /// <summary><paramref name="imageUrl"/> when it is an absolute https URL, otherwise null (show no image).</summary>
    public static string? Displayable(string? imageUrl) =>
        Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host)
            ? imageUrl
            : null;
}
