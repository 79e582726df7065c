namespace OAuthPortal.OAuth.Oidc.Keys;

/// <summary>
/// What revoking a key did: it was revoked now (or had been before), and when it was the active key of its algorithm,
/// the kid of the key that signs in its place.
/// </summary>
public sealed record SigningKeyRevocationResult(string KeyId, string Algorithm, bool AlreadyRevoked, string? ReplacementKeyId);
