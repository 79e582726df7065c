namespace OAuthPortal.Data;

/// <summary>An access token and its refresh token (djoauth2 <c>models.AccessToken</c>, RFC 6749 §§1.4, 1.5).</summary>
public sealed class AccessToken
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the access token value.</summary>
    public byte[] TokenHash { get; set; } = [];

    /// <summary>SHA-256 of the refresh token value, or null when the token is not refreshable.</summary>
    public byte[]? RefreshTokenHash { get; set; }

    public string ClientId { get; set; } = "";
    public Client? Client { get; set; }

    public string UserId { get; set; } = "";
    public PortalUser? User { get; set; }

    public List<Scope> Scopes { get; set; } = [];

    /// <summary>
    /// The same scopes as a space-separated string, written once with the token (its scopes never change): bearer
    /// validation reads the token in one indexed lookup instead of joining the scope tables.
    /// </summary>
    public string ScopeNames { get; set; } = "";

    /// <summary>
    /// The authorization code this token descends from, copied on refresh: reusing that code
    /// revokes the whole family (RFC 6749 §4.1.2, as djoauth2 does).
    /// </summary>
    public long? AuthorizationCodeId { get; set; }
    public AuthorizationCode? AuthorizationCode { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RefreshExpiresAt { get; set; }
    public bool Refreshable { get; set; }
    public DateTime? RevokedAt { get; set; }
    public TokenRevocationReason? RevocationReason { get; set; }
}
