namespace OAuthPortal.OAuth;

public enum ScopeChange
{
    Created,
    Edited,
    Deleted,
}
