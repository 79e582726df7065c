namespace OAuthPortal.OAuth.Registration;

/// <summary>
/// The wire names of client metadata (RFC 7591 §2, §3.2.1; RFC 7592 §3; OpenID Connect Registration and RP-Initiated,
/// Back-Channel Logout; RFC 9126 §6; RFC 9449 §5.2).
/// </summary>
public static class ClientMetadataNames
{
    public const string RedirectUris = "redirect_uris";
    public const string ClientName = "client_name";
    public const string ClientUri = "client_uri";
    public const string LogoUri = "logo_uri";
    public const string GrantTypes = "grant_types";
    public const string ResponseTypes = "response_types";
    public const string TokenEndpointAuthMethod = "token_endpoint_auth_method";
    public const string Scope = "scope";
    public const string Contacts = "contacts";
    public const string SoftwareId = "software_id";
    public const string SoftwareVersion = "software_version";
    public const string SoftwareStatement = "software_statement";
    public const string PostLogoutRedirectUris = "post_logout_redirect_uris";
    public const string BackchannelLogoutUri = "backchannel_logout_uri";
    public const string IdTokenSignedResponseAlg = "id_token_signed_response_alg";
    public const string Jwks = "jwks";
    public const string JwksUri = "jwks_uri";
    public const string RequirePushedAuthorizationRequests = "require_pushed_authorization_requests";
    public const string DpopBoundAccessTokens = "dpop_bound_access_tokens";
    public const string ClientId = "client_id";
    public const string ClientSecret = "client_secret";
    public const string ClientIdIssuedAt = "client_id_issued_at";
    public const string ClientSecretExpiresAt = "client_secret_expires_at";
    public const string RegistrationAccessToken = "registration_access_token";
    public const string RegistrationClientUri = "registration_client_uri";

    /// <summary>The portal's extension to RFC 7592 §2.2: an update that asks for a new client secret.</summary>
    public const string RotateClientSecret = "rotate_client_secret";
}
