using OAuthPortal.Data;

namespace OAuthPortal.Management.Clients;

/// <summary>
/// What a client's owner may change after registration (the type and client_id never change). The URI lists replace
/// the registered ones; a blank back-channel logout URI removes it; a blank algorithm means the default (RS256).
/// <paramref name="GrantTypes"/> and <paramref name="MachineScopes"/> replace the registered ones too, null leaving them
/// as they are; an empty list of grant types means the default (authorization_code, refresh_token). The authentication
/// and security settings (the init properties) are likewise unchanged when null.
/// </summary>
public sealed record ClientEdit(
    string Name,
    string? Description,
    string? ImageUrl,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    string? BackchannelLogoutUri,
    string? IdTokenSignedResponseAlg,
    IReadOnlyList<string>? GrantTypes = null,
    IReadOnlyList<string>? MachineScopes = null)
{
    /// <summary>
    /// The new method with its keys (<see cref="ClientKeys"/>), or null to keep them. Switching to private_key_jwt deletes
    /// the secret; switching from it to a client_secret method makes a new one (<see cref="ClientSaved.NewSecret"/>).
    /// </summary>
    public ClientKeys? Authentication { get; init; }

    public bool? RequirePushedAuthorizationRequests { get; init; }

    public bool? DpopBoundAccessTokens { get; init; }

    public ClientProfile? Profile { get; init; }

    /// <summary>RFC 7591 §2 <c>client_uri</c>; blank removes it, null keeps it.</summary>
    public string? ClientUri { get; init; }

    /// <summary>RFC 7591 §2 <c>software_id</c>; blank removes it, null keeps it.</summary>
    public string? SoftwareId { get; init; }

    /// <summary>RFC 7591 §2 <c>software_version</c>; blank removes it, null keeps it.</summary>
    public string? SoftwareVersion { get; init; }

    /// <summary>RFC 7591 §2 <c>contacts</c>, replacing the registered ones; null keeps them.</summary>
    public IReadOnlyList<string>? Contacts { get; init; }
}
