namespace OAuthPortal.Data;

/// <summary>
/// An authorization request a client pushed (RFC 9126 §2): validated, then kept until the browser arrives with its
/// <c>request_uri</c>, which is stored only as a SHA-256 hash and works once. In the database, so that any instance
/// can serve the redirect.
/// </summary>
public sealed class PushedAuthorizationRequest
{
    public const int MaxParametersLength = 32 * 1024;

    public long Id { get; set; }

    /// <summary>SHA-256 of the request_uri (<c>urn:ietf:params:oauth:request_uri:</c> + 256 random bits).</summary>
    public byte[] RequestUriHash { get; set; } = [];

    public string ClientId { get; set; } = "";
    public Client? Client { get; set; }

    /// <summary>The authorization parameters as pushed, form-encoded.</summary>
    public string Parameters { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Until when the request_uri can be used: <c>OAuth:PushedRequestLifetime</c> after the push for the client to send
    /// the browser, then, from the browser's first arrival, <c>OAuth:PushedRequestInteractionLifetime</c> for sign-in and consent.
    /// </summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>When the browser first arrived with the request_uri (set once, atomically).</summary>
    public DateTime? VisitedAt { get; set; }

    /// <summary>Set, once and atomically, when the authorization endpoint takes the request.</summary>
    public DateTime? ConsumedAt { get; set; }
}
