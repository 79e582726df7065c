namespace OAuthPortal.OAuth.Oidc.Keys;

/// <summary>Where a key of the ring is in its life (<see cref="SigningKeyLifecycle.PhaseAt"/>).</summary>
public enum SigningKeyPhase
{
    /// <summary>In the JWKS, not signing yet, so that clients' caches have it before it signs.</summary>
    Published,

    /// <summary>Signs (and is in the JWKS).</summary>
    Active,

    /// <summary>No longer signs; still in the JWKS so that what it signed keeps validating.</summary>
    Retired,

    /// <summary>Retirement is over: out of the JWKS, deleted by the next background check.</summary>
    Expired,

    /// <summary>Revoked by an administrator: out of the JWKS at once, never signs again.</summary>
    Revoked,
}
