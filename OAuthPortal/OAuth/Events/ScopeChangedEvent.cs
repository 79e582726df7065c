namespace OAuthPortal.OAuth.Events;

/// <summary>A scope was created, had its description edited, or was deleted (with what was revoked along with it).</summary>
public sealed record ScopeChangedEvent(string Name, ScopeChange Change, string Actor, string Details = "");
