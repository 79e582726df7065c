using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Oidc.Keys;

/// <summary>
/// The phases of a key, from its dates (see <see cref="SigningKey"/>): published -> active -> retired -> deleted,
/// and revoked at any time. Also how long a retired key stays published.
/// </summary>
public static class SigningKeyLifecycle
{
    /// <summary>
    /// Added to the longest lifetime of what a key signs, for the clocks of relying parties that run behind.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static SigningKeyPhase PhaseAt(SigningKey key, DateTime now) =>
        key.RevokedAt is not null ? SigningKeyPhase.Revoked
        : key.ActivatesAt > now ? SigningKeyPhase.Published
        : key.RetiredAt is null || key.RetiredAt > now ? SigningKeyPhase.Active
        : key.DeleteAfter is null || key.DeleteAfter > now ? SigningKeyPhase.Retired
        : SigningKeyPhase.Expired;

    /// <summary>Whether the JWKS lists it now: published, active or retired.</summary>
    public static bool IsPublishedAt(SigningKey key, DateTime now) =>
        PhaseAt(key, now) is SigningKeyPhase.Published or SigningKeyPhase.Active or SigningKeyPhase.Retired;

    /// <summary>
    /// When a key that retires at <paramref name="retiredAt"/> leaves the JWKS: once the longest-lived token it could
    /// have signed has expired. That is an id_token (logout tokens are shorter-lived than id_tokens), plus
    /// <see cref="ClockSkew"/>.
    /// </summary>
    public static DateTime DeleteAfter(DateTime retiredAt, TimeSpan idTokenLifetime) => retiredAt + idTokenLifetime + ClockSkew;

    /// <summary>The key of <paramref name="algorithm"/> that signs at <paramref name="now"/>: of the active ones, the one activated last.</summary>
    public static SigningKey? SignerAt(IEnumerable<SigningKey> keys, string algorithm, DateTime now) =>
        keys.Where(k => k.Algorithm == algorithm && PhaseAt(k, now) == SigningKeyPhase.Active)
            .OrderByDescending(k => k.ActivatesAt).ThenByDescending(k => k.Generation).FirstOrDefault();

    /// <summary>The key of <paramref name="algorithm"/> published to take over next (not revoked, activating after <paramref name="now"/>).</summary>
    public static SigningKey? SuccessorAt(IEnumerable<SigningKey> keys, string algorithm, DateTime now) =>
        keys.Where(k => k.Algorithm == algorithm && PhaseAt(k, now) == SigningKeyPhase.Published)
            .OrderBy(k => k.ActivatesAt).FirstOrDefault();
}
