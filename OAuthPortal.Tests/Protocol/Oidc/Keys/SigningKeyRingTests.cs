using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Oidc.Keys;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Oidc.Keys;

/// <summary>A fresh portal's ring, the JWKS it serves, and signing with it (nothing here changes the ring).</summary>
public sealed class SigningKeyRingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] PrivateParameters = ["d", "p", "q", "dp", "dq", "qi", "k", "oth"];

    [Fact]
    public async Task Ring_FreshDatabase_HasOneActiveRs256AndOneActiveEs256Key()
    {
        var keys = await TestSigningKeys.ListAsync(factory);

        Assert.Equal(2, keys.Count);
        Assert.All(keys, k => Assert.Equal(SigningKeyPhase.Active, k.Phase));
        Assert.Equal([SigningAlgorithms.ES256, SigningAlgorithms.RS256], keys.Select(k => k.Algorithm).Order(StringComparer.Ordinal));
        Assert.All(keys, k => Assert.Equal(1, k.Generation));
    }

    [Fact]
    public async Task Jwks_FreshDatabase_ListsBothKeysWithKidUseAndAlgAndNoPrivateParameters()
    {
        var keys = await TestSigningKeys.ListAsync(factory);

        var (response, json) = await TestSigningKeys.GetJwksAsync(factory);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var served = json.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(keys.Select(k => k.KeyId).Order(StringComparer.Ordinal), served.Select(k => k.GetProperty("kid").GetString()).Order(StringComparer.Ordinal));
        Assert.All(served, key =>
        {
            Assert.Equal("sig", key.GetProperty("use").GetString());
            Assert.Equal(keys.Single(k => k.KeyId == key.GetProperty("kid").GetString()).Algorithm, key.GetProperty("alg").GetString());
            Assert.DoesNotContain(key.EnumerateObject(), p => PrivateParameters.Contains(p.Name));
        });
        var rsa = served.Single(k => k.GetProperty("alg").GetString() == "RS256");
        Assert.Equal("RSA", rsa.GetProperty("kty").GetString());
        Assert.True(Convert.FromBase64String(Base64Padded(rsa.GetProperty("n").GetString()!)).Length >= 256, "RSA 2048 or larger");
        var ec = served.Single(k => k.GetProperty("alg").GetString() == "ES256");
        Assert.Equal(("EC", "P-256"), (ec.GetProperty("kty").GetString(), ec.GetProperty("crv").GetString()));
    }

    [Fact]
    public async Task Jwks_Get_IsCacheableForFiveMinutesAndOpenToAnyOrigin()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, JsonWebKeySetDocument.Path);
        request.Headers.Add("Origin", "https://spa.example.com");

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Jwks_Post_Is405()
    {
        var response = await factory.CreateClient().PostAsync(JsonWebKeySetDocument.Path, new FormUrlEncodedContent([]));

        Html.AssertStatus(HttpStatusCode.MethodNotAllowed, response);
    }

    [Fact]
    public async Task Database_StoredKeys_HoldOnlyEncryptedPrivateKeysAndPublicJwks()
    {
        var rows = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().SigningKeys.AsNoTracking().ToListAsync());

        Assert.All(rows, row =>
        {
            var jwk = JsonSerializer.Deserialize<JsonElement>(row.PublicJwk);
            Assert.DoesNotContain(jwk.EnumerateObject(), p => PrivateParameters.Contains(p.Name));
            // Data Protection output starts with its magic header 09 F0 C9 F0; a bare PKCS#8 key starts with a DER SEQUENCE (0x30).
            Assert.Equal([0x09, 0xF0, 0xC9, 0xF0], Convert.FromBase64String(row.ProtectedPrivateKey)[..4]);
        });
    }

    [Theory]
    [InlineData(SigningAlgorithms.RS256)]
    [InlineData(SigningAlgorithms.ES256)]
    public async Task GetSigningCredentials_ActiveKey_SignsTokensTheJwksValidates(string algorithm)
    {
        var active = await TestSigningKeys.SingleAsync(factory, algorithm, SigningKeyPhase.Active);

        var (token, kid) = await TestSigningKeys.SignAsync(factory, algorithm);

        Assert.Equal(active.KeyId, kid);
        Assert.True(await TestSigningKeys.ValidatesAsync(factory, token));
    }

    [Fact]
    public async Task GetSigningCredentials_CalledTwice_ReturnsTheSameCredentialsWithoutReopeningTheKey()
    {
        var ring = TestSigningKeys.Ring(factory);

        var first = await ring.GetSigningCredentialsAsync(SigningAlgorithms.RS256);
        var second = await ring.GetSigningCredentialsAsync(SigningAlgorithms.RS256);

        Assert.Same(first, second);
    }

    private static string Base64Padded(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
