namespace OAuthPortal.Management.Apps;

/// <summary>A client the user has authorized ("My apps"): what it may do, since when, and how much it is used.</summary>
public sealed record AuthorizedApp(
    string ClientId, string ClientName, string? ImageUrl, IReadOnlyList<string> Scopes, DateTime GrantedAt, DateTime UpdatedAt,
    DateTime? LastUsedAt, int ActiveTokens);
