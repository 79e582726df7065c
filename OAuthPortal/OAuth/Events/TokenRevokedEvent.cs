namespace OAuthPortal.OAuth.Events;

/// <summary>One token revoked; <paramref name="RevokedBy"/> names who did it (a client_id, or a user id).</summary>
public sealed record TokenRevokedEvent(long TokenId, string ClientId, string? UserId, string RevokedBy);
