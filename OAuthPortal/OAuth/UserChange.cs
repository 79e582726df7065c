namespace OAuthPortal.OAuth;

public enum UserChange
{
    AdminRoleGranted,
    AdminRoleRemoved,
    Locked,
    Unlocked,
}
