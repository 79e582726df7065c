namespace OAuthPortal.Management.Clients;

/// <summary>What a client's owner may change after registration (the type and client_id never change).</summary>
public sealed record ClientEdit(string Name, string? Description, string? ImageUrl, IReadOnlyList<string> RedirectUris);
