namespace OAuthPortal.OAuth.Events;

/// <summary>Several tokens revoked at once (all of a user's, of a client's, or of a user for one client).</summary>
public sealed record TokensRevokedEvent(string Target, int Count, string RevokedBy);
