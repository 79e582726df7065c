namespace OAuthPortal.Data;

/// <summary>
/// A protected resource (an API) that clients may name in the <c>resource</c> parameter (RFC 8707) and that tokens are
/// then meant for (<c>aud</c> in introspection). Registered by admins; its scopes are the ones it accepts.
/// </summary>
public sealed class ProtectedResource
{
    /// <summary>Resource identifiers are absolute URIs without a fragment (RFC 8707 §2); long enough for real ones, short enough to index.</summary>
    public const int MaxUriLength = 512;
    public const int MaxNameLength = 256;

    public long Id { get; set; }

    /// <summary>The resource identifier, compared exactly (RFC 8707 §2).</summary>
    public string Uri { get; set; } = "";

    public string Name { get; set; } = "";

    public List<Scope> Scopes { get; set; } = [];

    public DateTime CreatedAt { get; set; }
}
