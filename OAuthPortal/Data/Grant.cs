namespace OAuthPortal.Data;

/// <summary>
/// One grant of access (an "authorization" in OpenIddict's words): what a user, or no user, let one client have, once.
/// The codes and tokens it produces belong to it, so the family of a code and every token refreshed from it is one
/// <c>UPDATE ... WHERE GrantId = @id</c> away (RFC 6749 §4.1.2, RFC 9700 §4.14.2). Remembered consent is a different
/// thing (<see cref="ConsentGrant"/>): it spares the user the page; a grant is what one answer produced.
/// </summary>
public sealed class Grant
{
    public const int MaxClaimsRequestLength = 4096;
    public const int MaxAuthenticationMethodsLength = 64;

    public long Id { get; set; }

    public GrantKind Kind { get; set; }

    public string ClientId { get; set; } = "";
    public Client? Client { get; set; }

    /// <summary>The user who granted it; null for grants without a user (client_credentials).</summary>
    public string? UserId { get; set; }
    public PortalUser? User { get; set; }

    /// <summary>The scopes granted, space-separated (the codes and tokens carry their own links to the scopes).</summary>
    public string ScopeNames { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    // OpenID Connect: the sign-in the grant came from, repeated in every id_token of the family (OIDC Core §12.2).

    /// <summary>When the user last authenticated (id_token <c>auth_time</c>); null for grants without a user.</summary>
    public DateTime? AuthTime { get; set; }

    /// <summary>The portal sign-in session (<see cref="UserSession"/>, id_token <c>sid</c>): back-channel logout finds the clients of a session here.</summary>
    public string? SessionId { get; set; }

    /// <summary>How the user authenticated (id_token <c>amr</c>), space-separated, e.g. <c>pwd</c> or <c>pwd mfa</c>.</summary>
    public string? AuthenticationMethods { get; set; }

    /// <summary>The OpenID Connect <c>claims</c> request parameter as the portal understood it (JSON), or null.</summary>
    public string? ClaimsRequest { get; set; }

    /// <summary>
    /// The protected resources the grant's tokens are meant for (RFC 8707 <c>resource</c>), space-separated absolute URIs,
    /// or null for none named: introspection gives them as <c>aud</c>.
    /// </summary>
    public string? Resources { get; set; }

    public const int MaxResourcesLength = 2048;

    /// <summary>Set when the whole family was revoked (a replay); its tokens carry their own revocation too.</summary>
    public DateTime? RevokedAt { get; set; }
    public TokenRevocationReason? RevocationReason { get; set; }
}
