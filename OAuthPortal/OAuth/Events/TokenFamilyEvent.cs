namespace OAuthPortal.OAuth.Events;

/// <summary>A token family (the tokens descending from one authorization code) revoked after a replay.</summary>
public sealed record TokenFamilyEvent(string ClientId, string UserId, long? AuthorizationCodeId, int RevokedTokens);
