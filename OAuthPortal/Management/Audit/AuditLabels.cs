using OAuthPortal.Data;

namespace OAuthPortal.Management.Audit;

/// <summary>What each audit action means, in words people read (the audit log page, the dashboard, the CSV export).</summary>
public static class AuditLabels
{
    public static string Label(AuditAction action) => action switch
    {
        AuditAction.ClientCreated => "Client registered",
        AuditAction.ClientEdited => "Client edited",
        AuditAction.ClientSecretRotated => "Client secret rotated",
        AuditAction.ClientDisabled => "Client disabled",
        AuditAction.ClientEnabled => "Client enabled",
        AuditAction.ClientDeleted => "Client deleted",
        AuditAction.ConsentGranted => "Consent granted",
        AuditAction.ConsentDenied => "Consent denied",
        AuditAction.ConsentRevoked => "App access revoked by the user",
        AuditAction.TokenRevoked => "Token(s) revoked",
        AuditAction.AuthorizationCodeReused => "Authorization code replayed",
        AuditAction.RefreshTokenReused => "Refresh token replayed",
        AuditAction.ClientAuthenticationFailed => "Client authentication failed",
        AuditAction.AdminRoleGranted => "Admin role granted",
        AuditAction.AdminRoleRemoved => "Admin role removed",
        AuditAction.UserLocked => "User locked by an admin",
        AuditAction.UserUnlocked => "User unlocked",
        AuditAction.UserDeleted => "User deleted",
        AuditAction.ScopeCreated => "Scope created",
        AuditAction.ScopeEdited => "Scope edited",
        AuditAction.ScopeDeleted => "Scope deleted",
        AuditAction.SigningKeyCreated => "Signing key created",
        AuditAction.SigningKeyRotated => "Signing key rotated",
        AuditAction.SigningKeyRevoked => "Signing key revoked",
        AuditAction.SigningKeyDeleted => "Signing key deleted",
        AuditAction.BackchannelLogoutFailed => "Back-channel logout failed",
        AuditAction.ClientSecretDeleted => "Client secret removed",
        AuditAction.ClientSecretCreated => "Client secret created",
        AuditAction.ResourceCreated => "Protected resource registered",
        AuditAction.ResourceEdited => "Protected resource edited",
        AuditAction.ResourceDeleted => "Protected resource deleted",
        AuditAction.InitialAccessTokenCreated => "Registration token created",
        AuditAction.InitialAccessTokenRevoked => "Registration token revoked",
        AuditAction.UserPasswordSet => "Password set by an admin",
        AuditAction.SignedIn => "Signed in",
        AuditAction.SignInFailed => "Sign-in failed",
        AuditAction.UserLockedOut => "Locked out after failed sign-ins",
        AuditAction.UserRegistered => "User registered",
        AuditAction.TwoFactorEnabled => "Two-factor sign-in enabled",
        AuditAction.TwoFactorDisabled => "Two-factor sign-in disabled",
        AuditAction.RecoveryCodesGenerated => "Recovery codes generated",
        AuditAction.AuthenticatorReset => "Authenticator app reset",
        AuditAction.PasskeyAdded => "Passkey added",
        AuditAction.PasskeyRenamed => "Passkey renamed",
        AuditAction.PasskeyRemoved => "Passkey removed",
        AuditAction.UserCreated => "User created by an admin",
        AuditAction.UserSessionsEnded => "Sessions ended by an admin",
        _ => action.ToString(),
    };
}
