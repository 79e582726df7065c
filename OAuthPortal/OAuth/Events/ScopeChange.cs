namespace OAuthPortal.OAuth.Events;

public enum ScopeChange
{
    Created,
    Edited,
    Deleted,
}
