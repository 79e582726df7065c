using Microsoft.IdentityModel.Tokens;

namespace OAuthPortal.OAuth.Secrets;

/// <summary>
/// The public keys the portal verifies other parties' signatures with (DPoP proofs, client assertions): RSA of at least
/// 2048 bits or EC P-256 (FAPI 2.0 §5.4), rebuilt from exactly the members their RFC 7638 thumbprint covers (and the
/// <c>kid</c>, <c>alg</c> and <c>use</c> that select them), so that nothing else in a JWK (<c>x5c</c>, <c>x5u</c>, ...)
/// can decide which key a signature is checked with.
/// </summary>
public static class PublicSignatureKeys
{
    public const int MinRsaKeySize = 2048;

    /// <summary>
    /// The key rebuilt from its public members (with <paramref name="keepSelectors"/>, also its kid, alg and use), or null
    /// when it is not one of the accepted kinds.
    /// </summary>
    public static JsonWebKey? Rebuild(JsonWebKey key, bool keepSelectors)
    {
        var rebuilt = key.Kty switch
        {
            JsonWebAlgorithmsKeyTypes.RSA when !string.IsNullOrEmpty(key.N) && !string.IsNullOrEmpty(key.E) && key.KeySize >= MinRsaKeySize =>
                new JsonWebKey { Kty = key.Kty, N = key.N, E = key.E },
            JsonWebAlgorithmsKeyTypes.EllipticCurve when key.Crv == JsonWebKeyECTypes.P256 && !string.IsNullOrEmpty(key.X) && !string.IsNullOrEmpty(key.Y) =>
                new JsonWebKey { Kty = key.Kty, Crv = key.Crv, X = key.X, Y = key.Y },
            _ => null,
        };
        if (rebuilt is not null && keepSelectors)
        {
            (rebuilt.Kid, rebuilt.Alg, rebuilt.Use) = (key.Kid, key.Alg, key.Use);
        }

        return rebuilt;
    }
}
