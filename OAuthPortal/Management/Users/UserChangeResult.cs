namespace OAuthPortal.Management.Users;

/// <summary>The outcome of an admin change to a user.</summary>
public enum UserChangeResult
{
    Done,
    NotFound,
    /// <summary>Refused: it would leave the portal without an administrator.</summary>
    LastAdmin,
}
