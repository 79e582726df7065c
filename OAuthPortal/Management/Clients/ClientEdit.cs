namespace OAuthPortal.Management.Clients;

/// <summary>
/// What a client's owner may change after registration (the type and client_id never change). The URI lists replace
/// the registered ones; a blank back-channel logout URI removes it; a blank algorithm means the default (RS256).
/// </summary>
public sealed record ClientEdit(
    string Name,
    string? Description,
    string? ImageUrl,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    string? BackchannelLogoutUri,
    string? IdTokenSignedResponseAlg);
