namespace OAuthPortal.OAuth.Events;

/// <summary>An administrator changed a user: Admin role granted or removed, account locked or unlocked.</summary>
public sealed record UserChangedEvent(string UserId, string UserEmail, UserChange Change, string Actor, string Details = "");
