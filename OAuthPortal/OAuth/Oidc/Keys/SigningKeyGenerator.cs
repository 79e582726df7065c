using System.Security.Cryptography;

namespace OAuthPortal.OAuth.Oidc.Keys;

/// <summary>
/// Makes the key pairs of new ring keys: RSA 2048 for RS256, P-256 for ES256 (RFC 7518 §3.1). A service of its own so
/// that another source of keys can replace it (a hardware module; the tests, which start hundreds of portals and
/// would otherwise spend a fifth of a second of CPU on a fresh RSA key for each).
/// </summary>
public class SigningKeyGenerator
{
    public const int RsaKeySize = 2048;

    /// <summary>A new key pair for <paramref name="algorithm"/>, owned by the caller.</summary>
    public virtual AsymmetricAlgorithm Generate(string algorithm) => algorithm switch
    {
        SigningAlgorithms.RS256 => RSA.Create(RsaKeySize),
        SigningAlgorithms.ES256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Only RS256 and ES256 keys are made."),
    };
}
