namespace OAuthPortal.OAuth.Events;

public enum SigningKeyChange
{
    Created,
    Rotated,
    Revoked,
    Deleted,
}
