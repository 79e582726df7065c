namespace OAuthPortal.OAuth.Events;

/// <summary>
/// A key of the signing-key ring was created (the first of its algorithm, or a replacement), rotated in (a successor
/// of the active key), revoked, or deleted once its retirement ended. Never carries key material.
/// </summary>
public sealed record SigningKeyChangedEvent(string KeyId, string Algorithm, SigningKeyChange Change, string Actor, string Details = "");
