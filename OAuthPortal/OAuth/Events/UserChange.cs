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

    // The account's own sign-in and second-factor events (the user acts; see Identity/SignInAudit).
    /// <summary>A fresh sign-in (not a refresh of the cookie); the details name the methods, e.g. "pwd mfa otp".</summary>
    SignedIn,
    /// <summary>A wrong password or second-factor code (the account may not exist: then the event has no user id).</summary>
    SignInFailed,
    /// <summary>Too many wrong passwords or codes: sign-in is refused for a while.</summary>
    LockedOut,
    Registered,
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodesGenerated,
    AuthenticatorReset,
    /// <summary>An administrator created the account (admin console).</summary>
    Created,
    /// <summary>An administrator ended every sign-in session of the user.</summary>
    SessionsEnded,
}
