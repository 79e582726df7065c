using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Management.Clients;

/// <summary>
/// One client as its details page shows it, with usage figures; never a secret (only its hash exists). Its grant types
/// are wire names in their stored order; its machine scopes are scope names, by name.
/// </summary>
public sealed record ClientDetails(
    string ClientId,
    string Name,
    string Description,
    string? ImageUrl,
    ClientType Type,
    bool Enabled,
    string? OwnerEmail,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    string? BackchannelLogoutUri,
    string IdTokenSignedResponseAlg,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int TokensIssued,
    int ActiveTokens,
    DateTime? LastTokenIssuedAt,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> MachineScopes)
{
    /// <summary>RFC 7591 §2 <c>token_endpoint_auth_method</c>.</summary>
    public string TokenEndpointAuthMethod { get; init; } = "";

    /// <summary>Whether a secret (its hash) is stored: client_secret_basic and client_secret_post clients only.</summary>
    public bool HasSecret { get; init; }

    /// <summary>The pasted JWK Set as stored (public keys only), or null.</summary>
    public string? Jwks { get; init; }

    /// <summary>The keys of <see cref="Jwks"/>, described (kid, kty, alg, crv).</summary>
    public IReadOnlyList<RegisteredClientKey> Keys => ClientKeyRegistrationRules.Describe(Jwks);

    public string? JwksUri { get; init; }

    public bool RequirePushedAuthorizationRequests { get; init; }

    public bool DpopBoundAccessTokens { get; init; }

    public ClientProfile Profile { get; init; }

    /// <summary>Registered at <c>/oauth2/register</c> (RFC 7591) rather than by a person.</summary>
    public bool RegisteredByProgram { get; init; }

    /// <summary>The name of the initial access token it was registered with (RFC 7591 §3), or null.</summary>
    public string? InitialAccessTokenName { get; init; }

    /// <summary>RFC 7591 §2 <c>client_uri</c>, <c>software_id</c>, <c>software_version</c>, <c>contacts</c> (space-separated), each or null.</summary>
    public string? ClientUri { get; init; }

    public string? SoftwareId { get; init; }

    public string? SoftwareVersion { get; init; }

    public string? Contacts { get; init; }

    /// <summary>Each rule of the FAPI 2.0 Security Profile, met or not by this client on this server (<see cref="Fapi2SecurityProfile.Checklist"/>).</summary>
    public IReadOnlyList<ProfileRule> Fapi2Checklist { get; init; } = [];
}
