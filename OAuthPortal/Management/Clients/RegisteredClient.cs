namespace OAuthPortal.Management.Clients;

/// <summary>A newly registered client: its client_id, and its secret, in plaintext for the only time (null for public clients).</summary>
public sealed record RegisteredClient(string ClientId, string? ClientSecret);
