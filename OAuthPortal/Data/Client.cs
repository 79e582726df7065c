namespace OAuthPortal.Data;

/// <summary>An OAuth client registered by a developer (djoauth2 <c>models.Client</c>).</summary>
public sealed class Client
{
    public const int MaxNameLength = 256;
    public const int MaxDescriptionLength = 2000;
    public const int MaxUrlLength = 2000;
    public const int MaxRedirectUris = 20;

    /// <summary>The public <c>client_id</c>: random, URL-safe, unique. Also the primary key.</summary>
    public string Id { get; set; } = "";

    /// <summary>
    /// The developer the client belongs to; null only for a client registered through open dynamic registration
    /// (RFC 7591 §3, <c>OAuth:Registration:Mode=Open</c>), which belongs to no person and is managed by admins.
    /// </summary>
    public string? OwnerId { get; set; }
    public PortalUser? Owner { get; set; }

    public string Name { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>Absolute https URL of the client's logo, or null.</summary>
    public string? ImageUrl { get; set; }

    public ClientType Type { get; set; }

    /// <summary>SHA-256 of the client secret; null for public clients. The secret itself is never stored.</summary>
    public byte[]? SecretHash { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public bool Enabled { get; set; } = true;

    public List<RedirectUri> RedirectUris { get; set; } = [];

    /// <summary>Where RP-Initiated Logout may send the user back to (exact match, like redirect URIs).</summary>
    public List<PostLogoutRedirectUri> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>
    /// The algorithm of the client's id_tokens (OpenID Connect Dynamic Registration <c>id_token_signed_response_alg</c>):
    /// RS256 (the default OpenID Connect requires) or ES256.
    /// </summary>
    public string IdTokenSignedResponseAlg { get; set; } = DefaultIdTokenAlgorithm;

    /// <summary>RS256: OpenID Connect Core §3.1.3.7 makes it the default.</summary>
    public const string DefaultIdTokenAlgorithm = "RS256";

    /// <summary>Where the portal POSTs a logout token when a session that signed in to this client ends (Back-Channel Logout 1.0); null for none.</summary>
    public string? BackchannelLogoutUri { get; set; }

    /// <summary>
    /// The grant types this client may use at the token endpoint, space-separated wire names (RFC 7591 §2
    /// <c>grant_types</c>); another grant type is refused with <c>unauthorized_client</c> (RFC 6749 §5.2).
    /// </summary>
    public string AllowedGrantTypes { get; set; } = "";

    /// <summary>How the client authenticates (RFC 7591 §2 <c>token_endpoint_auth_method</c>); <c>none</c> for public clients.</summary>
    public string TokenEndpointAuthMethod { get; set; } = "";

    /// <summary>
    /// The scopes the client may get without a user (client_credentials, RFC 6749 §4.4): chosen by its developer among
    /// the scopes that are not <see cref="Scope.UserOnly"/>; none by default.
    /// </summary>
    public List<Scope> MachineScopes { get; set; } = [];

    /// <summary>Plain authorization requests are refused: the client must push them first (RFC 9126 §6 <c>require_pushed_authorization_requests</c>).</summary>
    public bool RequirePushedAuthorizationRequests { get; set; }

    /// <summary>Token requests must carry a DPoP proof: every access token is sender-constrained (RFC 9449 §5.2 <c>dpop_bound_access_tokens</c>).</summary>
    public bool DpopBoundAccessTokens { get; set; }

    /// <summary>The client's public keys for <c>private_key_jwt</c> (RFC 7591 §2 <c>jwks</c>, a JWK Set as JSON), or null.</summary>
    public string? Jwks { get; set; }

    /// <summary>Where the client publishes its public keys (RFC 7591 §2 <c>jwks_uri</c>, https), or null.</summary>
    public string? JwksUri { get; set; }

    /// <summary>A security profile the portal enforces for this client (FAPI 2.0 Security Profile), or none.</summary>
    public ClientProfile Profile { get; set; }

    /// <summary>Where people learn about the client (RFC 7591 §2 <c>client_uri</c>), or null.</summary>
    public string? ClientUri { get; set; }

    /// <summary>RFC 7591 §2 <c>software_id</c>: the same for every instance of one piece of software, or null.</summary>
    public string? SoftwareId { get; set; }

    /// <summary>RFC 7591 §2 <c>software_version</c>, or null.</summary>
    public string? SoftwareVersion { get; set; }

    /// <summary>RFC 7591 §2 <c>contacts</c>: e-mail addresses, space-separated, or null.</summary>
    public string? Contacts { get; set; }

    /// <summary>
    /// The initial access token a program registered this client with (RFC 7591 §3), or null when a person registered it
    /// (developer area, CLI) or the registration was open. Shown as "registered by a program".
    /// </summary>
    public long? InitialAccessTokenId { get; set; }
    public InitialAccessToken? InitialAccessToken { get; set; }

    /// <summary>True when <c>/oauth2/register</c> created the client (with or without an initial access token).</summary>
    public bool RegisteredByProgram { get; set; }

    /// <summary>SHA-256 of the registration access token (RFC 7592 §1), for clients registered by a program; null otherwise.</summary>
    public byte[]? RegistrationAccessTokenHash { get; set; }

    public const int MaxSoftwareLength = 256;
    public const int MaxContactsLength = 1024;
    public const int MaxContacts = 10;

    public const int MaxJwksLength = 16 * 1024;

    public const int MaxGrantTypesLength = 512;
    public const int MaxAuthMethodLength = 32;
    public const int MaxAlgorithmLength = 16;
}
