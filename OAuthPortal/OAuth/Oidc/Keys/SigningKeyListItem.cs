namespace OAuthPortal.OAuth.Oidc.Keys;

/// <summary>A key of the ring as the CLI and the admin page show it: never any key material.</summary>
public sealed record SigningKeyListItem(
    string KeyId, string Algorithm, int Generation, SigningKeyPhase Phase, DateTime CreatedAt, DateTime ActivatesAt,
    DateTime? RetiredAt, DateTime? DeleteAfter, DateTime? RevokedAt);
