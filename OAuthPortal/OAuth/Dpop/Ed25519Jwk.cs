using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace OAuthPortal.OAuth.Dpop;

/// <summary>
/// EdDSA with Ed25519 keys (RFC 8037): the one algorithm of RFC 9449's list that Microsoft.IdentityModel cannot verify,
/// so its signature check (BouncyCastle) and its RFC 7638 thumbprint (RFC 8037 §2: <c>crv</c>, <c>kty</c>, <c>x</c>) live here.
/// </summary>
public static class Ed25519Jwk
{
    public const string Algorithm = "EdDSA";
    public const string KeyType = "OKP";
    public const string Curve = "Ed25519";
    private const int PublicKeyLength = 32;

    /// <summary>The public key of an Ed25519 JWK, or null when <paramref name="key"/> is not one.</summary>
    public static byte[]? PublicKeyOf(JsonWebKey key)
    {
        if (key.Kty != KeyType || key.Crv != Curve || key.X is not { Length: > 0 })
        {
            return null;
        }

        try
        {
            return Base64UrlEncoder.DecodeBytes(key.X) is { Length: PublicKeyLength } x ? x : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="token"/>'s signature verifies with the Ed25519 public key <paramref name="publicKey"/>.</summary>
    public static bool Verifies(JsonWebToken token, byte[] publicKey)
    {
        byte[] signature;
        try
        {
            signature = Base64UrlEncoder.DecodeBytes(token.EncodedSignature);
        }
        catch (FormatException)
        {
            return false;
        }

        var signed = Encoding.ASCII.GetBytes(token.EncodedHeader + "." + token.EncodedPayload);
        var verifier = new Ed25519Signer();
        try
        {
            verifier.Init(false, new Ed25519PublicKeyParameters(publicKey));
        }
        catch (ArgumentException)
        {
            return false;
        }

        verifier.BlockUpdate(signed, 0, signed.Length);
        return verifier.VerifySignature(signature);
    }

    /// <summary>RFC 7638 with RFC 8037 §2's members, the key's x re-encoded canonically.</summary>
    public static string Thumbprint(byte[] publicKey) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{{\"crv\":\"{Curve}\",\"kty\":\"{KeyType}\",\"x\":\"{Base64UrlEncoder.Encode(publicKey)}\"}}")));
}
