using System.Text.Json.Serialization;
using OAuthPortal.OAuth.Authorization;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Oidc.Keys;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>
/// The one metadata document, served at both well-known addresses so they always agree: RFC 8414 authorization server
/// metadata (/.well-known/oauth-authorization-server) and OpenID Connect Discovery 1.0 §3 provider metadata
/// (/.well-known/openid-configuration). Every member is either a constant of the implementation or derived from what
/// is registered (grant types, scopes), never configured separately.
/// </summary>
public sealed record AuthorizationServerMetadata
{
    public const string WellKnownPath = "/.well-known/oauth-authorization-server";
    public const string OpenIdConfigurationPath = "/.well-known/openid-configuration";
    public const string AuthorizationPath = "/oauth2/authorize";
    public const string TokenPath = "/oauth2/token";
    public const string RevocationPath = "/oauth2/revoke";
    public const string IntrospectionPath = "/oauth2/introspect";
    public const string UserInfoPath = "/oauth2/userinfo";
    public const string EndSessionPath = "/oauth2/logout";
    public const string DeviceAuthorizationPath = "/oauth2/device_authorization";
    public const string PushedAuthorizationRequestPath = "/oauth2/par";
    public const string RegistrationPath = "/oauth2/register";

    /// <summary>The page where a user enters a device's user code (RFC 8628 §3.3 <c>verification_uri</c>).</summary>
    public const string DeviceVerificationPath = "/device";

    private static readonly string[] ClientAuthMethods =
    [
        ClientAuthenticationMethod.ClientSecretBasic, ClientAuthenticationMethod.ClientSecretPost, ClientAuthenticationMethod.PrivateKeyJwt,
        ClientAuthenticationMethod.None,
    ];

    [JsonPropertyName("issuer")] public required string Issuer { get; init; }
    [JsonPropertyName("authorization_endpoint")] public required string AuthorizationEndpoint { get; init; }
    [JsonPropertyName("token_endpoint")] public required string TokenEndpoint { get; init; }
    [JsonPropertyName("userinfo_endpoint")] public required string UserInfoEndpoint { get; init; }
    [JsonPropertyName("jwks_uri")] public required string JwksUri { get; init; }
    [JsonPropertyName("end_session_endpoint")] public required string EndSessionEndpoint { get; init; }
    [JsonPropertyName("revocation_endpoint")] public required string RevocationEndpoint { get; init; }
    [JsonPropertyName("introspection_endpoint")] public required string IntrospectionEndpoint { get; init; }
    /// <summary>RFC 8628 §4.</summary>
    [JsonPropertyName("device_authorization_endpoint")] public required string DeviceAuthorizationEndpoint { get; init; }
    /// <summary>RFC 9126 §5.</summary>
    [JsonPropertyName("pushed_authorization_request_endpoint")] public required string PushedAuthorizationRequestEndpoint { get; init; }
    /// <summary>RFC 9126 §5: true when <c>OAuth:RequirePushedAuthorizationRequests</c> is set (a client's own setting is not published here).</summary>
    [JsonPropertyName("require_pushed_authorization_requests")] public bool RequirePushedAuthorizationRequests { get; init; }
    [JsonPropertyName("scopes_supported")] public required IReadOnlyList<string> ScopesSupported { get; init; }
    [JsonPropertyName("response_types_supported")] public IReadOnlyList<string> ResponseTypesSupported { get; } = [P.ResponseTypeCode];
    [JsonPropertyName("response_modes_supported")] public IReadOnlyList<string> ResponseModesSupported { get; } = [P.ResponseModeQuery, P.ResponseModeFormPost];
    /// <summary>The grant types registered with the token endpoint (<c>ITokenGrant</c>).</summary>
    [JsonPropertyName("grant_types_supported")] public required IReadOnlyList<string> GrantTypesSupported { get; init; }
    [JsonPropertyName("subject_types_supported")] public IReadOnlyList<string> SubjectTypesSupported { get; } = ["public"];
    [JsonPropertyName("id_token_signing_alg_values_supported")] public IReadOnlyList<string> IdTokenSigningAlgValuesSupported { get; } = SigningAlgorithms.All;
    [JsonPropertyName("token_endpoint_auth_methods_supported")] public IReadOnlyList<string> TokenEndpointAuthMethodsSupported { get; } = ClientAuthMethods;
    /// <summary>RFC 8414 §2: the JWS algorithms of private_key_jwt assertions (<see cref="ClientAssertionValidator.Algorithms"/>).</summary>
    [JsonPropertyName("token_endpoint_auth_signing_alg_values_supported")] public IReadOnlyList<string> TokenEndpointAuthSigningAlgValuesSupported { get; } =
        ClientAssertionValidator.Algorithms;
    [JsonPropertyName("revocation_endpoint_auth_methods_supported")] public IReadOnlyList<string> RevocationEndpointAuthMethodsSupported { get; } = ClientAuthMethods;
    [JsonPropertyName("revocation_endpoint_auth_signing_alg_values_supported")] public IReadOnlyList<string> RevocationEndpointAuthSigningAlgValuesSupported { get; } =
        ClientAssertionValidator.Algorithms;
    [JsonPropertyName("introspection_endpoint_auth_methods_supported")] public IReadOnlyList<string> IntrospectionEndpointAuthMethodsSupported { get; } =
        [ClientAuthenticationMethod.ClientSecretBasic, ClientAuthenticationMethod.ClientSecretPost, ClientAuthenticationMethod.PrivateKeyJwt];
    [JsonPropertyName("introspection_endpoint_auth_signing_alg_values_supported")] public IReadOnlyList<string> IntrospectionEndpointAuthSigningAlgValuesSupported { get; } =
        ClientAssertionValidator.Algorithms;
    [JsonPropertyName("claims_supported")] public IReadOnlyList<string> ClaimsSupported { get; } =
    [
        OidcClaimNames.Issuer, OidcClaimNames.Audience, OidcClaimNames.ExpiresAt, OidcClaimNames.IssuedAt, OidcClaimNames.AuthTime,
        OidcClaimNames.Nonce, OidcClaimNames.AccessTokenHash, OidcClaimNames.AuthorizedParty, OidcClaimNames.SessionId,
        OidcClaimNames.AuthenticationMethods, .. ScopeClaims.All,
    ];
    [JsonPropertyName("code_challenge_methods_supported")] public IReadOnlyList<string> CodeChallengeMethodsSupported { get; } = [RequirePkceForPublicClients.S256];
    /// <summary>RFC 9449 §5.1.</summary>
    [JsonPropertyName("dpop_signing_alg_values_supported")] public IReadOnlyList<string> DpopSigningAlgValuesSupported { get; } = Dpop.DpopProofValidator.Algorithms;
    [JsonPropertyName("claims_parameter_supported")] public bool ClaimsParameterSupported => true;
    [JsonPropertyName("request_parameter_supported")] public bool RequestParameterSupported => false;
    [JsonPropertyName("request_uri_parameter_supported")] public bool RequestUriParameterSupported => false;
    [JsonPropertyName("frontchannel_logout_supported")] public bool FrontchannelLogoutSupported => false;
    [JsonPropertyName("backchannel_logout_supported")] public bool BackchannelLogoutSupported => true;
    [JsonPropertyName("backchannel_logout_session_supported")] public bool BackchannelLogoutSessionSupported => true;
    [JsonPropertyName("authorization_response_iss_parameter_supported")] public bool AuthorizationResponseIssParameterSupported => true;

    public static AuthorizationServerMetadata Create(
        string issuer, IEnumerable<string> scopes, IEnumerable<string> grantTypes, bool requirePushedAuthorizationRequests = false) => new()
    {
        PushedAuthorizationRequestEndpoint = issuer + PushedAuthorizationRequestPath,
        RequirePushedAuthorizationRequests = requirePushedAuthorizationRequests,
        GrantTypesSupported = grantTypes.ToList(),
        Issuer = issuer,
        AuthorizationEndpoint = issuer + AuthorizationPath,
        TokenEndpoint = issuer + TokenPath,
        UserInfoEndpoint = issuer + UserInfoPath,
        JwksUri = issuer + JsonWebKeySetDocument.Path,
        EndSessionEndpoint = issuer + EndSessionPath,
        RevocationEndpoint = issuer + RevocationPath,
        IntrospectionEndpoint = issuer + IntrospectionPath,
        DeviceAuthorizationEndpoint = issuer + DeviceAuthorizationPath,
        ScopesSupported = scopes.ToList(),
    };
}
