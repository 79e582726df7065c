namespace OAuthPortal.OAuth.Events;

/// <summary>A protected resource (RFC 8707) was registered, edited (name, scopes) or deleted.</summary>
public sealed record ResourceChangedEvent(string Uri, ResourceChange Change, string Actor, string Details = "");
