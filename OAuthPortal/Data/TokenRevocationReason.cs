namespace OAuthPortal.Data;

/// <summary>Why a token row was revoked: tells a replayed rotated refresh token from one its client or user revoked.</summary>
public enum TokenRevocationReason
{
    /// <summary>Replaced by a new pair on refresh (RFC 6749 §6); presenting it again is a replay.</summary>
    Rotated,

    /// <summary>Revoked by its client at the revocation endpoint (RFC 7009).</summary>
    RevokedByClient,

    /// <summary>Revoked with its whole family after a code or refresh-token replay.</summary>
    FamilyRevoked,

    /// <summary>Revoked by its user ("My apps").</summary>
    RevokedByUser,

    /// <summary>Revoked by an administrator.</summary>
    RevokedByAdmin,
}
