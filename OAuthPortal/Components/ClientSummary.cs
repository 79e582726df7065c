namespace OAuthPortal.Components;

/// <summary>A client as components show it: never its secret (only a hash exists anyway).</summary>
public sealed record ClientSummary(string ClientId, string Name, string Description, string? ImageUrl, string? OwnerEmail, bool IsPublic);
