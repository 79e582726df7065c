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
    /// <summary>The user registered a passkey (details: its name).</summary>
    PasskeyAdded,
    /// <summary>The user renamed a passkey (details: old and new name).</summary>
    PasskeyRenamed,
    /// <summary>The user removed a passkey (details: its name).</summary>
    PasskeyRemoved,
}
