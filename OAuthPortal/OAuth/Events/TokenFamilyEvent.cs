namespace OAuthPortal.OAuth.Events;

/// <summary>A replay revoked the tokens of one grant (its "family").</summary>
public sealed record TokenFamilyEvent(string ClientId, string? UserId, long GrantId, int RevokedTokens);
