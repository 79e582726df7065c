namespace OAuthPortal.OAuth.Events;

/// <summary>A logout token could not be delivered to a client's back-channel logout URI, after every attempt.</summary>
public sealed record BackchannelLogoutFailedEvent(string ClientId, string Uri, int Attempts, string Reason);
