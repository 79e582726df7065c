namespace OAuthPortal.OAuth.Events;

public enum UserChange
{
    AdminRoleGranted,
    AdminRoleRemoved,
    Locked,
    Unlocked,
    /// <summary>The account was deleted (by its owner), with the clients it owned.</summary>
    Deleted,
}
