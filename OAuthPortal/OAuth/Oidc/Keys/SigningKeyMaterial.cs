using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Oidc.Keys;

/// <summary>
/// Makes and opens the keys of the ring: RS256 with RSA 2048, ES256 with P-256 (RFC 7518 §3.1). The private key is
/// PKCS#8, encrypted with ASP.NET Core Data Protection (purpose <see cref="Purpose"/>) and stored base64; the public
/// key is stored as the JWK (RFC 7517) the JWKS serves, with <c>kid</c>, <c>use: sig</c> and <c>alg</c>.
/// </summary>
public sealed class SigningKeyMaterial(IDataProtectionProvider protection, SigningKeyGenerator generator)
{
    public const string Purpose = "OAuthPortal.SigningKeys.v1";
    public const int RsaKeySize = SigningKeyGenerator.RsaKeySize;
    public const string Use = "sig";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>A fresh key (new random kid) for <paramref name="algorithm"/>; the caller sets its generation and dates.</summary>
    public SigningKey Create(string algorithm)
    {
        var kid = NewKeyId();
        using var key = generator.Generate(algorithm);
        var pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            return new SigningKey
            {
                Id = kid,
                Algorithm = algorithm,
                ProtectedPrivateKey = Convert.ToBase64String(_protector.Protect(pkcs8)),
                PublicJwk = PublicJwkJson(key, kid, algorithm),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>The credentials that sign with <paramref name="key"/> (kid set); decrypts its private key.</summary>
    public SigningCredentials OpenSigningCredentials(SigningKey key)
    {
        var pkcs8 = _protector.Unprotect(Convert.FromBase64String(key.ProtectedPrivateKey));
        try
        {
            return key.Algorithm switch
            {
                SigningAlgorithms.RS256 => new SigningCredentials(
                    new RsaSecurityKey(ImportRsa(pkcs8)) { KeyId = key.Id }, SecurityAlgorithms.RsaSha256),
                SigningAlgorithms.ES256 => new SigningCredentials(
                    new ECDsaSecurityKey(ImportP256(pkcs8)) { KeyId = key.Id }, SecurityAlgorithms.EcdsaSha256),
                _ => throw new InvalidOperationException($"Signing key {key.Id} has an unsupported algorithm '{key.Algorithm}'."),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>The public JWK of a stored key (public parameters only: the stored JSON never has others).</summary>
    public static JsonWebKey PublicKey(SigningKey key) => new(key.PublicJwk);

    private static RSA ImportRsa(byte[] pkcs8)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return rsa.KeySize >= RsaKeySize ? rsa : throw new CryptographicException($"RS256 keys must be RSA {RsaKeySize} or larger.");
    }

    private static ECDsa ImportP256(byte[] pkcs8)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return ecdsa.KeySize == 256 ? ecdsa : throw new CryptographicException("ES256 keys must be on P-256.");
    }

    private static string PublicJwkJson(AsymmetricAlgorithm key, string kid, string algorithm)
    {
        var jwk = new Dictionary<string, string>();
        switch (key)
        {
            case RSA rsa:
                var rsaPublic = rsa.ExportParameters(includePrivateParameters: false);
                jwk[JsonWebKeyParameterNames.Kty] = JsonWebAlgorithmsKeyTypes.RSA;
                jwk[JsonWebKeyParameterNames.Use] = Use;
                jwk[JsonWebKeyParameterNames.Alg] = algorithm;
                jwk[JsonWebKeyParameterNames.Kid] = kid;
                jwk[JsonWebKeyParameterNames.N] = Base64Url.EncodeToString(rsaPublic.Modulus);
                jwk[JsonWebKeyParameterNames.E] = Base64Url.EncodeToString(rsaPublic.Exponent);
                break;
            case ECDsa ecdsa:
                var ecPublic = ecdsa.ExportParameters(includePrivateParameters: false);
                jwk[JsonWebKeyParameterNames.Kty] = JsonWebAlgorithmsKeyTypes.EllipticCurve;
                jwk[JsonWebKeyParameterNames.Use] = Use;
                jwk[JsonWebKeyParameterNames.Alg] = algorithm;
                jwk[JsonWebKeyParameterNames.Kid] = kid;
                jwk[JsonWebKeyParameterNames.Crv] = JsonWebKeyECTypes.P256;
                jwk[JsonWebKeyParameterNames.X] = Base64Url.EncodeToString(ecPublic.Q.X);
                jwk[JsonWebKeyParameterNames.Y] = Base64Url.EncodeToString(ecPublic.Q.Y);
                break;
        }

        return JsonSerializer.Serialize(jwk);
    }

    /// <summary>128 random bits, base64url: unique and says nothing about the key.</summary>
    private static string NewKeyId()
    {
        Span<byte> buffer = stackalloc byte[16];
        RandomNumberGenerator.Fill(buffer);
        return Base64Url.EncodeToString(buffer);
    }
}
