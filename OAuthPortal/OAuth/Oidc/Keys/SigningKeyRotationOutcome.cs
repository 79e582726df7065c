namespace OAuthPortal.OAuth.Oidc.Keys;

public enum SigningKeyRotationOutcome
{
    /// <summary>A new key is published now and signs from its activation date; the active key retires then.</summary>
    Published,

    /// <summary>A new key signs now; the key that was active retired at once (and may be revoked).</summary>
    Activated,

    /// <summary>Nothing was done: a newer key is already published and takes over at its activation date.</summary>
    AlreadyPublished,
}
