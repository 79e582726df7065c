namespace OAuthPortal.Management.Users;

/// <summary>A user an administrator created, with the temporary password to hand over (shown once, never stored in clear).</summary>
public sealed record CreatedUser(string Id, string Email, bool IsAdmin, string TemporaryPassword);
