namespace OAuthPortal.Management.Clients;

/// <summary>
/// A newly registered client: its client_id, its secret, in plaintext for the only time (null for public clients), the
/// grant types it may use (wire names, in their stored order) and its machine scopes.
/// </summary>
public sealed record RegisteredClient(string ClientId, string? ClientSecret, IReadOnlyList<string> GrantTypes, IReadOnlyList<string> MachineScopes);
