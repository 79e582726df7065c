namespace OAuthPortal.Data;

/// <summary>What an audit entry records.</summary>
public enum AuditAction
{
    ClientCreated,
    ClientEdited,
    ClientSecretRotated,
    ClientDisabled,
    ClientEnabled,
    ClientDeleted,
    ConsentGranted,
    ConsentDenied,
    ConsentRevoked,
    TokenRevoked,
    AuthorizationCodeReused,
    RefreshTokenReused,
    ClientAuthenticationFailed,
    AdminRoleGranted,
    AdminRoleRemoved,
    UserLocked,
    UserUnlocked,
    UserDeleted,
    ScopeCreated,
    ScopeEdited,
    ScopeDeleted,
    SigningKeyCreated,
    SigningKeyRotated,
    SigningKeyRevoked,
    SigningKeyDeleted,
    BackchannelLogoutFailed,
    ClientSecretDeleted,
    ClientSecretCreated,
}
