namespace OAuthPortal.OAuth.Events;

/// <summary>Who decided what about which client's request.</summary>
public sealed record ConsentEvent(string UserId, string ClientId, IReadOnlyList<string> Scopes);
