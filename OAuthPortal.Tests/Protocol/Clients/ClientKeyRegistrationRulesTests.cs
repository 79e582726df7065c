using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Clients;

/// <summary>What a client's registered public keys must be (RFC 7591 §2 jwks, jwks_uri), for the developer area, the CLI and DCR.</summary>
public sealed class ClientKeyRegistrationRulesTests
{
    private const string PrivateKeyJwt = ClientAuthenticationMethod.PrivateKeyJwt;

    private static string Set(params object[] keys) => JsonSerializer.Serialize(new { keys });

    private static Dictionary<string, string> Jwk(KeyClients.ClientKey key, params (string Name, string Value)[] extra)
    {
        var jwk = new Dictionary<string, string>(key.PublicJwk);
        foreach (var (name, value) in extra)
        {
            jwk[name] = value;
        }

        return jwk;
    }

    [Fact]
    public void Validate_RsaAndEcPublicKeys_IsAccepted() =>
        Assert.Empty(ClientKeyRegistrationRules.Validate(PrivateKeyJwt, KeyClients.JwkSet(KeyClients.Rsa(), KeyClients.Ec()), null, requireHttps: true));

    [Fact]
    public void Validate_HttpsJwksUri_IsAccepted() =>
        Assert.Empty(ClientKeyRegistrationRules.Validate(PrivateKeyJwt, null, "https://client.example.com/jwks.json", requireHttps: true));

    [Fact]
    public void Validate_PrivateKeyJwtWithoutKeys_IsRefused() =>
        Assert.Single(ClientKeyRegistrationRules.Validate(PrivateKeyJwt, null, " ", requireHttps: true));

    [Fact]
    public void Validate_SecretClientWithoutKeys_IsAccepted() =>
        Assert.Empty(ClientKeyRegistrationRules.Validate(ClientAuthenticationMethod.ClientSecretBasic, null, null, requireHttps: true));

    [Fact]
    public void Validate_BothJwksAndJwksUri_IsRefused() =>
        Assert.Single(ClientKeyRegistrationRules.Validate(PrivateKeyJwt, KeyClients.JwkSet(KeyClients.Ec()), "https://client.example.com/jwks", true));

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"keys\":{}}")]
    [InlineData("{\"keys\":[]}")]
    [InlineData("{\"keys\":[42]}")]
    [InlineData("{\"keys\":[{\"kty\":\"oct\",\"kid\":\"a\"}]}")]
    [InlineData("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"a\"}]}")]
    public void ValidateJwks_NotAJwkSetOfPublicKeys_IsRefused(string jwks) => Assert.NotEmpty(ClientKeyRegistrationRules.ValidateJwks(jwks));

    [Fact]
    public void ValidateJwks_PrivateKeyMaterial_IsRefused()
    {
        using var rsa = RSA.Create(2048);
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(true)));
        var withPrivate = new Dictionary<string, string> { ["kty"] = "RSA", ["kid"] = "k", ["n"] = jwk.N, ["e"] = jwk.E, ["d"] = jwk.D };

        Assert.Contains("private", Assert.Single(ClientKeyRegistrationRules.ValidateJwks(Set(withPrivate))));
    }

    [Fact]
    public void ValidateJwks_SmallRsaKey_IsRefused()
    {
        using var rsa = RSA.Create(1024);
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));

        Assert.Contains("2048", Assert.Single(ClientKeyRegistrationRules.ValidateJwks(Set(new { kty = "RSA", kid = "k", n = jwk.N, e = jwk.E }))));
    }

    [Fact]
    public void ValidateJwks_EcKeyOnAnotherCurve_IsRefused()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ecdsa.ExportParameters(false))));

        Assert.Contains("P-256", Assert.Single(ClientKeyRegistrationRules.ValidateJwks(Set(new { kty = "EC", kid = "k", crv = jwk.Crv, x = jwk.X, y = jwk.Y }))));
    }

    [Theory]
    [InlineData("use", "enc")]
    [InlineData("alg", "RS384")]
    [InlineData("alg", "HS256")]
    public void ValidateJwks_KeyForAnotherPurpose_IsRefused(string member, string value) =>
        Assert.Single(ClientKeyRegistrationRules.ValidateJwks(Set(Jwk(KeyClients.Rsa(), (member, value)))));

    [Fact]
    public void ValidateJwks_TwoKeysWithOneKid_IsRefused() =>
        Assert.Contains("another key", Assert.Single(ClientKeyRegistrationRules.ValidateJwks(KeyClients.JwkSet(KeyClients.Rsa("same"), KeyClients.Ec("same")))));

    [Fact]
    public void ValidateJwks_SeveralKeysWithoutKids_IsRefused()
    {
        var keys = new[] { KeyClients.Ec(), KeyClients.Ec() }.Select(k => { var jwk = Jwk(k); jwk.Remove("kid"); return jwk; }).ToArray<object>();

        Assert.Single(ClientKeyRegistrationRules.ValidateJwks(Set(keys)));
    }

    [Fact]
    public void ValidateJwks_LargerThan16KB_IsRefused() =>
        Assert.Contains("16 KB", Assert.Single(ClientKeyRegistrationRules.ValidateJwks(new string(' ', 16 * 1024 + 1))));

    [Theory]
    [InlineData("http://client.example.com/jwks", true)]
    [InlineData("/jwks", true)]
    [InlineData("https://client.example.com/jwks#k", true)]
    [InlineData("https://user:pass@client.example.com/jwks", true)]
    [InlineData("https://127.0.0.1/jwks", true)]
    [InlineData("https://localhost/jwks", true)]
    [InlineData("ftp://client.example.com/jwks", false)]
    public void ValidateJwksUri_Unacceptable_IsRefused(string uri, bool requireHttps) =>
        Assert.Single(ClientKeyRegistrationRules.ValidateJwksUri(uri, requireHttps));

    [Theory]
    [InlineData("http://localhost:5000/jwks")]
    [InlineData("https://127.0.0.1/jwks")]
    public void ValidateJwksUri_LocalWhileHttpsIsNotRequired_IsAccepted(string uri) =>
        Assert.Empty(ClientKeyRegistrationRules.ValidateJwksUri(uri, requireHttps: false));
}
