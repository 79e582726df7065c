using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace OAuthPortal.Tests.Support;

/// <summary>A client's DPoP key pair and the proofs it makes (RFC 9449 §4.2), as a .NET client would with Microsoft.IdentityModel.</summary>
public sealed class DpopKey
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SecurityKey? _signingKey;
    private readonly Ed25519PrivateKeyParameters? _ed25519;

    private DpopKey(SecurityKey? signingKey, JsonWebKey publicJwk, string algorithm, Ed25519PrivateKeyParameters? ed25519 = null)
    {
        _signingKey = signingKey;
        _ed25519 = ed25519;
        PublicJwk = publicJwk;
        Algorithm = algorithm;
    }

    public JsonWebKey PublicJwk { get; }
    public string Algorithm { get; }

    /// <summary>RFC 7638 thumbprint of the public key (for Ed25519, RFC 8037 §2's members, computed here by hand).</summary>
    public string Jkt => _ed25519 is null
        ? Base64UrlEncoder.Encode(PublicJwk.ComputeJwkThumbprint())
        : Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"{{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"{PublicJwk.X}\"}}")));

    /// <summary>An Ed25519 key (RFC 8037, alg EdDSA), made and used with BouncyCastle.</summary>
    public static DpopKey Ed25519()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var x = ((Ed25519PublicKeyParameters)pair.Public).GetEncoded();
        return new DpopKey(null, new JsonWebKey { Kty = "OKP", Crv = "Ed25519", X = Base64UrlEncoder.Encode(x) }, "EdDSA",
            (Ed25519PrivateKeyParameters)pair.Private);
    }

    /// <summary>An EC key (P-256 unless a test wants another curve), signing with ES256.</summary>
    public static DpopKey Ec(ECCurve? curve = null) => From(new ECDsaSecurityKey(ECDsa.Create(curve ?? ECCurve.NamedCurves.nistP256)), SecurityAlgorithms.EcdsaSha256);

    public static DpopKey Rsa(string algorithm = SecurityAlgorithms.RsaSha256, int keySize = 2048) => From(new RsaSecurityKey(RSA.Create(keySize)), algorithm);

    private static DpopKey From(AsymmetricSecurityKey key, string algorithm)
    {
        var full = JsonWebKeyConverter.ConvertFromSecurityKey(key);
        var publicJwk = key is ECDsaSecurityKey
            ? new JsonWebKey { Kty = full.Kty, Crv = full.Crv, X = full.X, Y = full.Y }
            : new JsonWebKey { Kty = full.Kty, N = full.N, E = full.E };
        return new DpopKey(key, publicJwk, algorithm);
    }

    /// <summary>A self-signed certificate of this (RSA) key, as an <c>x5c</c> entry: base64 DER.</summary>
    public string SelfSignedCertificate()
    {
        var rsa = ((RsaSecurityKey)_signingKey!).Rsa;
        using var certificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=dpop", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return Convert.ToBase64String(certificate.RawData);
    }

    /// <summary>The public jwk header as a dictionary (what goes into a proof's header).</summary>
    public Dictionary<string, object> PublicHeader() => PublicJwk.Kty switch
    {
        JsonWebAlgorithmsKeyTypes.EllipticCurve => new() { ["kty"] = PublicJwk.Kty, ["crv"] = PublicJwk.Crv, ["x"] = PublicJwk.X, ["y"] = PublicJwk.Y },
        "OKP" => new() { ["kty"] = PublicJwk.Kty, ["crv"] = PublicJwk.Crv, ["x"] = PublicJwk.X },
        _ => new() { ["kty"] = PublicJwk.Kty, ["n"] = PublicJwk.N, ["e"] = PublicJwk.E },
    };

    /// <summary>A proof for <paramref name="method"/> <paramref name="url"/> made at <paramref name="issuedAt"/>; every part can be spoilt by a test.</summary>
    public string Proof(
        string method, string url, DateTimeOffset issuedAt, string? jti = null, string? accessTokenHash = null, string? nonce = null,
        string type = "dpop+jwt", Dictionary<string, object>? jwk = null, Action<Dictionary<string, object>>? claims = null)
    {
        var payload = new Dictionary<string, object>
        {
            ["htm"] = method, ["htu"] = url, ["iat"] = issuedAt.ToUnixTimeSeconds(), ["jti"] = jti ?? Guid.NewGuid().ToString("N"),
        };
        if (accessTokenHash is not null)
        {
            payload["ath"] = accessTokenHash;
        }

        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }

        claims?.Invoke(payload);
        if (_ed25519 is not null)
        {
            return SignEd25519(new Dictionary<string, object> { ["typ"] = type, ["alg"] = Algorithm, ["jwk"] = jwk ?? PublicHeader() }, payload);
        }

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = type,
            AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = jwk ?? PublicHeader() },
            Claims = payload,
            SigningCredentials = new SigningCredentials(_signingKey, Algorithm),
        });
    }

    /// <summary>A JWS by hand: Microsoft.IdentityModel cannot sign with EdDSA.</summary>
    private string SignEd25519(Dictionary<string, object> header, Dictionary<string, object> payload)
    {
        var signed = Base64UrlEncoder.Encode(JsonSerializer.Serialize(header)) + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload));
        var signer = new Ed25519Signer();
        signer.Init(true, _ed25519);
        var bytes = Encoding.ASCII.GetBytes(signed);
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return signed + "." + Base64UrlEncoder.Encode(signer.GenerateSignature());
    }
}
