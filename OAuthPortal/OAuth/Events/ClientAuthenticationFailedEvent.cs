namespace OAuthPortal.OAuth.Events;

/// <summary>A failed client authentication: the client_id tried (if any) and why it failed.</summary>
public sealed record ClientAuthenticationFailedEvent(string? ClientId, string Reason, string? RemoteAddress);
