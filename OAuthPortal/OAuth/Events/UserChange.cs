namespace OAuthPortal.OAuth.Events;

public enum UserChange
{
    AdminRoleGranted,
    AdminRoleRemoved,
    Locked,
    Unlocked,
    /// <summary>The account was deleted (by its owner or an administrator), with the clients it owned.</summary>
    Deleted,
    /// <summary>An administrator set a new password (the CLI's <c>users set-password</c>); the user's sessions ended.</summary>
    PasswordSet,
    /// <summary>An administrator created the account (admin console).</summary>
    Created,
    /// <summary>An administrator ended every sign-in session of the user.</summary>
    SessionsEnded,
}
