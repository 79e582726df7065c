namespace OAuthPortal.OAuth;

/// <summary>
/// Settings of section <c>OAuth</c>: the typed successor of djoauth2's <c>DJOAuth2Conf</c>, with its defaults.
/// Validated once at start-up by <see cref="OAuthOptionsValidator"/>.
/// </summary>
public sealed class OAuthOptions
{
    public const string SectionName = "OAuth";

    /// <summary>djoauth2 ACCESS_TOKEN_LIFETIME (3600 s).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>djoauth2 AUTHORIZATION_CODE_LIFETIME; RFC 6749 §4.1.2 recommends at most 10 minutes.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a refresh token can be used (djoauth2 had no limit).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>djoauth2 ACCESS_TOKENS_REFRESHABLE.</summary>
    public bool AccessTokensRefreshable { get; set; } = true;

    /// <summary>djoauth2 REALM: the realm of WWW-Authenticate challenges.</summary>
    public string Realm { get; set; } = "";

    /// <summary>djoauth2 REQUIRE_STATE: authorization requests must carry <c>state</c> (RFC 6749 §10.12).</summary>
    public bool RequireState { get; set; } = true;

    /// <summary>djoauth2 SSL_ONLY: protocol endpoints and redirect URIs must use TLS (RFC 6749 §§3.1, 3.1.2.1).</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Public clients always need PKCE; this extends the rule to confidential clients (RFC 9700 §2.1.1).</summary>
    public bool RequirePkceForConfidentialClients { get; set; }

    /// <summary>Skip the consent page when the user already granted the requested scopes to the client.</summary>
    public bool RememberConsent { get; set; } = true;

    /// <summary>How long expired and revoked tokens, and spent or expired codes, are kept before pruning deletes them.</summary>
    public TimeSpan RetainExpiredFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the background pruning runs (also available as the CLI command <c>tokens prune</c>).</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Accept bearer tokens in a form body (<c>access_token</c>, RFC 6750 §2.2) besides the Authorization header.
    /// Off by default; the query string (§2.3) is never accepted (RFC 9700 §4.3.2).
    /// </summary>
    public bool AllowFormBodyBearer { get; set; }

    /// <summary>
    /// The issuer identifier (RFC 8414 §2, RFC 9207): absolute URL, no query or fragment. Required outside
    /// Development and Testing, where it defaults to the request's origin.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>How long an id_token is valid (OpenID Connect Core §2 <c>exp</c>).</summary>
    public TimeSpan IdTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a device authorization waits for its user (RFC 8628 §3.2 <c>expires_in</c>).</summary>
    public TimeSpan DeviceCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The least time a device waits between polls (RFC 8628 §3.2 <c>interval</c>; its default is 5 seconds).</summary>
    public TimeSpan DevicePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a pushed authorization request's request_uri stays usable (RFC 9126 §2.2 <c>expires_in</c>).</summary>
    public TimeSpan PushedRequestLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the browser has, from its first arrival with a pushed request's request_uri, to sign in and answer the
    /// consent page (the request_uri still gives one authorization response).
    /// </summary>
    public TimeSpan PushedRequestInteractionLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Every authorization request must be pushed first (RFC 9126 §5), for every client.</summary>
    public bool RequirePushedAuthorizationRequests { get; set; }

    /// <summary>Wrong user codes on the device page (section <c>OAuth:UserCodeAttempts</c>; RFC 8628 §5.1).</summary>
    public UserCodeAttemptOptions UserCodeAttempts { get; set; } = new();

    /// <summary>Dynamic client registration (section <c>OAuth:Registration</c>; RFC 7591, RFC 7592).</summary>
    public Registration.RegistrationOptions Registration { get; set; } = new();

    /// <summary>DPoP proofs (section <c>OAuth:Dpop</c>; RFC 9449).</summary>
    public Dpop.DpopOptions Dpop { get; set; } = new();

    /// <summary>The signing-key ring (section <c>OAuth:SigningKeys</c>).</summary>
    public SigningKeyOptions SigningKeys { get; set; } = new();

    /// <summary>Delivery of back-channel logout tokens (section <c>OAuth:BackchannelLogout</c>).</summary>
    public BackchannelLogoutOptions BackchannelLogout { get; set; } = new();
}
