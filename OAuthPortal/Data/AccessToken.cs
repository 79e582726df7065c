namespace OAuthPortal.Data;

/// <summary>An access token and its refresh token (djoauth2 <c>models.AccessToken</c>, RFC 6749 §§1.4, 1.5).</summary>
public sealed class AccessToken : IGrantMember
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the access token value.</summary>
    public byte[] TokenHash { get; set; } = [];

    /// <summary>SHA-256 of the refresh token value, or null when the token is not refreshable.</summary>
    public byte[]? RefreshTokenHash { get; set; }

    public string ClientId { get; set; } = "";
    public Client? Client { get; set; }

    /// <summary>The user the token acts for; null for a token without a user (client_credentials).</summary>
    public string? UserId { get; set; }
    public PortalUser? User { get; set; }

    public List<Scope> Scopes { get; set; } = [];

    /// <summary>
    /// The same scopes as a space-separated string, written once with the token (its scopes never change): bearer
    /// validation reads the token in one indexed lookup instead of joining the scope tables.
    /// </summary>
    public string ScopeNames { get; set; } = "";

    /// <summary>
    /// The grant this token belongs to, kept on refresh: replaying its code or a rotated refresh token revokes every
    /// token of the grant (RFC 6749 §4.1.2, RFC 9700 §4.14.2).
    /// </summary>
    public long GrantId { get; set; }
    public Grant? Grant { get; set; }

    /// <summary>
    /// The RFC 7638 thumbprint of the key the access token is bound to (RFC 9449 DPoP, <c>cnf.jkt</c>); null for a bearer
    /// token. A public client's refresh token is bound to the same key.
    /// </summary>
    public string? DpopJkt { get; set; }

    /// <summary>
    /// The protected resources this access token is meant for (RFC 8707 <c>resource</c>, space-separated absolute URIs):
    /// those the token request named, else its grant's (<see cref="Grant.Resources"/>); null for none named.
    /// Introspection gives them as <c>aud</c>; a resource server refuses a token meant for others.
    /// </summary>
    public string? Audience { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RefreshExpiresAt { get; set; }
    public bool Refreshable { get; set; }
    public DateTime? RevokedAt { get; set; }
    public TokenRevocationReason? RevocationReason { get; set; }
}
