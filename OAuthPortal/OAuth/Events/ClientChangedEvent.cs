namespace OAuthPortal.OAuth.Events;

/// <summary>A client was created, edited, had its secret rotated, was disabled, enabled or deleted, by <paramref name="Actor"/>.</summary>
public sealed record ClientChangedEvent(string ClientId, string ClientName, string Actor, ClientChange Change);
