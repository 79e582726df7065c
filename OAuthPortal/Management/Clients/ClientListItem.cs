using OAuthPortal.Data;

namespace OAuthPortal.Management.Clients;

/// <summary>A client as lists show it, with its owner, grant types (wire names) and machine scopes; never a secret (only its hash exists).</summary>
public sealed record ClientListItem(
    string ClientId, string Name, string Description, string? ImageUrl, ClientType Type, bool Enabled, string? OwnerEmail,
    IReadOnlyList<string> RedirectUris, IReadOnlyList<string> PostLogoutRedirectUris, string? BackchannelLogoutUri, string IdTokenSignedResponseAlg,
    DateTime CreatedAt, int ActiveTokens, IReadOnlyList<string> GrantTypes, IReadOnlyList<string> MachineScopes);
