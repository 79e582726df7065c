using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OAuthPortal.Tests.Support;

/// <summary>A client's DPoP key pair and the proofs it makes (RFC 9449 §4.2), as a .NET client would with Microsoft.IdentityModel.</summary>
public sealed class DpopKey
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SecurityKey _signingKey;

    private DpopKey(SecurityKey signingKey, JsonWebKey publicJwk, string algorithm)
    {
        _signingKey = signingKey;
        PublicJwk = publicJwk;
        Algorithm = algorithm;
    }

    public JsonWebKey PublicJwk { get; }
    public string Algorithm { get; }

    /// <summary>RFC 7638 thumbprint of the public key.</summary>
    public string Jkt => Base64UrlEncoder.Encode(PublicJwk.ComputeJwkThumbprint());

    public static DpopKey Ec() => From(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)), SecurityAlgorithms.EcdsaSha256);

    public static DpopKey Rsa(string algorithm = SecurityAlgorithms.RsaSha256) => From(new RsaSecurityKey(RSA.Create(2048)), algorithm);

    private static DpopKey From(AsymmetricSecurityKey key, string algorithm)
    {
        var full = JsonWebKeyConverter.ConvertFromSecurityKey(key);
        var publicJwk = key is ECDsaSecurityKey
            ? new JsonWebKey { Kty = full.Kty, Crv = full.Crv, X = full.X, Y = full.Y }
            : new JsonWebKey { Kty = full.Kty, N = full.N, E = full.E };
        return new DpopKey(key, publicJwk, algorithm);
    }

    /// <summary>The public jwk header as a dictionary (what goes into a proof's header).</summary>
    public Dictionary<string, object> PublicHeader() => PublicJwk.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve
        ? new() { ["kty"] = PublicJwk.Kty, ["crv"] = PublicJwk.Crv, ["x"] = PublicJwk.X, ["y"] = PublicJwk.Y }
        : new() { ["kty"] = PublicJwk.Kty, ["n"] = PublicJwk.N, ["e"] = PublicJwk.E };

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
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = type,
            AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = jwk ?? PublicHeader() },
            Claims = payload,
            SigningCredentials = new SigningCredentials(_signingKey, Algorithm),
        });
    }
}
