using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Clients;

/// <summary>What a developer asks for when registering a client.</summary>
public sealed record ClientRegistration(
    string OwnerId,
    string Name,
    string? Description,
    string? ImageUrl,
    ClientType Type,
    IReadOnlyList<string> RedirectUris);
