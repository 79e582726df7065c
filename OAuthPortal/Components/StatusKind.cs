namespace OAuthPortal.Components;

public enum StatusKind
{
    Success,
    Info,
    Warning,
    Error,
}
