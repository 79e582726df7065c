using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.OAuth.Events;

/// <summary>A client failed to authenticate; <see cref="ClientId"/> is what the caller claimed, shortened for the log.</summary>
public sealed record ClientAuthenticationFailedEvent(string? ClientId, ClientAuthenticationFailure Failure, string? RemoteAddress);
