using OAuthPortal.Data;

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
    IReadOnlyList<string> MachineScopes);
