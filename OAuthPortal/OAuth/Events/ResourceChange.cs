namespace OAuthPortal.OAuth.Events;

public enum ResourceChange
{
    Created,
    Edited,
    Deleted,
}
