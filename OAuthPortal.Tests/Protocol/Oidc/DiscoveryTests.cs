using System.Net;
using System.Text.Json;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Oidc;

/// <summary>OpenID Connect Discovery 1.0 §§3-4 and its agreement with the RFC 8414 document.</summary>
public sealed class DiscoveryTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public DiscoveryTests(PortalFactory factory) => _factory = factory;

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await _factory.CreateClient().GetAsync(path);
        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<string?> Strings(JsonElement document, string member) => document.GetProperty(member).EnumerateArray().Select(e => e.GetString());

    [Fact]
    public async Task OpenIdConfiguration_Always_HasEveryMemberTheProfilesRequire()
    {
        var document = await GetAsync("/.well-known/openid-configuration");

        Assert.Equal("https://localhost", document.GetProperty("issuer").GetString());
        Assert.Equal("https://localhost/oauth2/authorize", document.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("https://localhost/oauth2/token", document.GetProperty("token_endpoint").GetString());
        Assert.Equal("https://localhost/oauth2/userinfo", document.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal("https://localhost/.well-known/jwks.json", document.GetProperty("jwks_uri").GetString());
        Assert.Equal("https://localhost/oauth2/logout", document.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(["code"], Strings(document, "response_types_supported"));
        Assert.Equal(["query", "form_post"], Strings(document, "response_modes_supported"));
        Assert.Equal(["public"], Strings(document, "subject_types_supported"));
        Assert.Equal(["RS256", "ES256"], Strings(document, "id_token_signing_alg_values_supported"));
        Assert.Subset(Strings(document, "scopes_supported").ToHashSet(), new HashSet<string?> { "openid", "profile", "email", "offline_access" });
        Assert.Subset(Strings(document, "claims_supported").ToHashSet(), new HashSet<string?> { "sub", "name", "email", "email_verified", "auth_time", "sid" });
        Assert.Equal(["S256"], Strings(document, "code_challenge_methods_supported"));
        Assert.Contains("client_secret_basic", Strings(document, "token_endpoint_auth_methods_supported"));
        Assert.Contains("authorization_code", Strings(document, "grant_types_supported"));
        Assert.True(document.GetProperty("claims_parameter_supported").GetBoolean());
        Assert.False(document.GetProperty("request_parameter_supported").GetBoolean());
        Assert.False(document.GetProperty("request_uri_parameter_supported").GetBoolean());
        Assert.False(document.GetProperty("frontchannel_logout_supported").GetBoolean());
        Assert.True(document.GetProperty("backchannel_logout_supported").GetBoolean());
        Assert.True(document.GetProperty("backchannel_logout_session_supported").GetBoolean());
    }

    [Fact]
    public async Task Rfc8414Document_Always_AgreesWithTheOpenIdConfiguration()
    {
        var openId = (await GetAsync("/.well-known/openid-configuration")).GetRawText();
        var oauth = (await GetAsync("/.well-known/oauth-authorization-server")).GetRawText();

        Assert.Equal(openId, oauth);
    }

    [Fact]
    public async Task Jwks_Always_ListsPublicSigningKeysForBothAlgorithms()
    {
        var keys = await IdTokens.JwksAsync(_factory);

        Assert.Contains(keys, k => k.Alg == "RS256" && k.Kty == "RSA" && k.Use == "sig" && !k.HasPrivateKey);
        Assert.Contains(keys, k => k.Alg == "ES256" && k.Kty == "EC" && k.Crv == "P-256" && k.Use == "sig" && !k.HasPrivateKey);
    }
}
