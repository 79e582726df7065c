namespace OAuthPortal.Data;

/// <summary>
/// One key of the signing-key ring (id_tokens, logout tokens), shared by every instance through the database. Its phase
/// follows from its dates: <em>published</em> before <see cref="ActivatesAt"/> (in the JWKS, not signing yet, so
/// caches pick it up), <em>active</em> from then until <see cref="RetiredAt"/> (signs), <em>retired</em> after that
/// (still published, so what it signed keeps validating) until <see cref="DeleteAfter"/>, then deleted.
/// <see cref="RevokedAt"/> takes it out of the JWKS at once.
/// </summary>
public sealed class SigningKey
{
    public const int MaxIdLength = 64;
    public const int MaxAlgorithmLength = 16;

    /// <summary>The JWK <c>kid</c>: random, unique.</summary>
    public string Id { get; set; } = "";

    /// <summary>The JWS algorithm it signs with: <c>RS256</c> or <c>ES256</c>.</summary>
    public string Algorithm { get; set; } = "";

    /// <summary>
    /// 1 for the first key of its algorithm, then one more per rotation; unique per algorithm, so that when several
    /// instances decide to rotate at once exactly one insert succeeds.
    /// </summary>
    public int Generation { get; set; }

    /// <summary>The private key (PKCS#8), encrypted with ASP.NET Core Data Protection (whose keys are in this database too).</summary>
    public string ProtectedPrivateKey { get; set; } = "";

    /// <summary>The public key as a JWK (RFC 7517) JSON object, as the JWKS serves it.</summary>
    public string PublicJwk { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime ActivatesAt { get; set; }

    /// <summary>When a newer key takes over; null while none is planned.</summary>
    public DateTime? RetiredAt { get; set; }

    /// <summary>When the longest-lived token it could have signed has expired; null while it has not retired.</summary>
    public DateTime? DeleteAfter { get; set; }

    /// <summary>Set when an admin revoked it (e.g. after a suspected leak): gone from the JWKS, never signs again.</summary>
    public DateTime? RevokedAt { get; set; }
}
