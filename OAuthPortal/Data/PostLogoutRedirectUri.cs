using System.Security.Cryptography;
using System.Text;

namespace OAuthPortal.Data;

/// <summary>
/// One registered post-logout redirect URI of a client (OpenID Connect RP-Initiated Logout 1.0 §3), kept as the exact
/// string the developer registered: the end-session endpoint redirects only to an exact match.
/// </summary>
public sealed class PostLogoutRedirectUri
{
    public int Id { get; set; }
    public string ClientId { get; set; } = "";
    public string Uri { get; set; } = "";

    /// <summary>SHA-256 of <see cref="Uri"/>: makes "unique per client" indexable for URIs up to 2,000 characters.</summary>
    public byte[] UriHash { get; set; } = [];

    public static PostLogoutRedirectUri For(string uri) => new() { Uri = uri, UriHash = SHA256.HashData(Encoding.UTF8.GetBytes(uri)) };
}
