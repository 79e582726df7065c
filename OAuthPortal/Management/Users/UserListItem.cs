namespace OAuthPortal.Management.Users;

/// <summary>A user as the admin pages list them.</summary>
public sealed record UserListItem(string Id, string Email, bool IsAdmin, bool IsLockedOut, DateTime CreatedAt, int Clients, int ActiveTokens);
