using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// What a developer asks for when registering a client. The OpenID Connect settings are optional: no post-logout
/// redirect URIs, no back-channel logout, and id_tokens signed with <see cref="Client.DefaultIdTokenAlgorithm"/>. The
/// grant types default to authorization_code and refresh_token, and there are no machine scopes unless asked for.
/// Redirect URIs are required only with authorization_code (<see cref="GrantTypeRegistrationRules"/>). The owner is
/// null only for open dynamic registration (<see cref="Data.Client.OwnerId"/>).
/// </summary>
public sealed record ClientRegistration(
    string? OwnerId,
    string Name,
    string? Description,
    string? ImageUrl,
    ClientType Type,
    IReadOnlyList<string> RedirectUris)
{
    /// <summary>Where RP-Initiated Logout may send the user back to (OpenID Connect <c>post_logout_redirect_uris</c>); 0 to 20.</summary>
    public IReadOnlyList<string> PostLogoutRedirectUris { get; init; } = [];

    /// <summary>Where the portal POSTs logout tokens (OpenID Connect <c>backchannel_logout_uri</c>); null or blank for none.</summary>
    public string? BackchannelLogoutUri { get; init; }

    /// <summary>OpenID Connect <c>id_token_signed_response_alg</c>; null or blank for the default (RS256).</summary>
    public string? IdTokenSignedResponseAlg { get; init; }

    /// <summary>
    /// The grant types the client may use (RFC 7591 §2 <c>grant_types</c>, wire names); null or empty for the default,
    /// <see cref="RequireAllowedGrantType.Default"/>. Under <see cref="GrantTypeRegistrationRules"/>.
    /// </summary>
    public IReadOnlyList<string>? GrantTypes { get; init; }

    /// <summary>
    /// The names of the scopes the client may get with no user (client_credentials): none by default. Under
    /// <see cref="RequireMachineScopes"/>.
    /// </summary>
    public IReadOnlyList<string> MachineScopes { get; init; } = [];

    /// <summary>
    /// How the client authenticates (RFC 7591 §2 <c>token_endpoint_auth_method</c>); null or blank for the default of its
    /// type (<see cref="ClientAuthenticationMethod.DefaultFor"/>). Under <see cref="ClientAuthenticationRegistrationRules"/>.
    /// </summary>
    public string? TokenEndpointAuthMethod { get; init; }

    /// <summary>The client's public keys as a JWK Set (RFC 7591 §2 <c>jwks</c>), for private_key_jwt only.</summary>
    public string? Jwks { get; init; }

    /// <summary>Where the client publishes its public keys (RFC 7591 §2 <c>jwks_uri</c>), for private_key_jwt only.</summary>
    public string? JwksUri { get; init; }

    /// <summary>RFC 9126 §6 <c>require_pushed_authorization_requests</c>.</summary>
    public bool RequirePushedAuthorizationRequests { get; init; }

    /// <summary>RFC 9449 §5.2 <c>dpop_bound_access_tokens</c>.</summary>
    public bool DpopBoundAccessTokens { get; init; }

    /// <summary>The security profile the portal enforces for the client (<see cref="Fapi2SecurityProfile"/>), or none.</summary>
    public ClientProfile Profile { get; init; }

    /// <summary>The client's home page (RFC 7591 §2 <c>client_uri</c>): an absolute https URL, or null.</summary>
    public string? ClientUri { get; init; }

    /// <summary>RFC 7591 §2 <c>software_id</c>: what the software calls itself across its instances, or null.</summary>
    public string? SoftwareId { get; init; }

    /// <summary>RFC 7591 §2 <c>software_version</c>, or null.</summary>
    public string? SoftwareVersion { get; init; }

    /// <summary>RFC 7591 §2 <c>contacts</c>: the people responsible for the client (typically e-mail addresses).</summary>
    public IReadOnlyList<string> Contacts { get; init; } = [];
}
