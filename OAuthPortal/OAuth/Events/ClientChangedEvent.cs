namespace OAuthPortal.OAuth.Events;

/// <summary>
/// A client was created, edited, had its secret rotated, deleted or created, was disabled, enabled or deleted, by
/// <paramref name="Actor"/>; <paramref name="Details"/> says what changed when that matters (its authentication, its profile).
/// </summary>
public sealed record ClientChangedEvent(string ClientId, string ClientName, string Actor, ClientChange Change, string Details = "");
