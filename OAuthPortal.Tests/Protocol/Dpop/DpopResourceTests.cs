using System.Net;
using System.Net.Http.Headers;
using OAuthPortal.OAuth.Dpop;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Dpop;

/// <summary>RFC 9449 §7 at the portal's protected resources: a DPoP-bound token needs the DPoP scheme and a proof of its key.</summary>
public sealed class DpopResourceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string MeUrl = "https://localhost/api/me";

    private async Task<(DpopKey Key, string Token)> BoundTokenAsync()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, sharedScopes: ["profile"]);
        var key = DpopKey.Ec();
        var reply = await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/token", TokenEndpoint.CodeForm(scenario, await TokenEndpoint.AuthorizeAsync(scenario)),
            null, key.Proof("POST", "https://localhost/oauth2/token", factory.Clock.GetUtcNow()));
        Assert.Equal("DPoP", reply["token_type"]);
        return (key, reply["access_token"]!);
    }

    private Task<HttpResponseMessage> GetAsync(string path, string scheme, string token, params string[] proofs)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        foreach (var proof in proofs)
        {
            request.Headers.TryAddWithoutValidation("DPoP", proof);
        }

        return factory.CreateClient().SendAsync(request);
    }

    private string Proof(DpopKey key, string token, string url = MeUrl, string method = "GET", string? jti = null) =>
        key.Proof(method, url, factory.Clock.GetUtcNow(), jti, DpopProofValidator.AccessTokenHash(token));

    private static void AssertRefused(HttpResponseMessage response, string error)
    {
        Html.AssertStatus(HttpStatusCode.Unauthorized, response);
        var challenge = ApiCalls.Challenge(response);
        Assert.StartsWith("DPoP ", challenge);
        Assert.Contains($"error=\"{error}\"", challenge);
        Assert.Contains("algs=\"ES256 PS256 RS256 EdDSA\"", challenge);
    }

    [Fact]
    public async Task Me_BoundTokenWithItsProof_Answers()
    {
        var (key, token) = await BoundTokenAsync();

        Html.AssertStatus(HttpStatusCode.OK, await GetAsync("/api/me", "DPoP", token, Proof(key, token)));
    }

    [Fact]
    public async Task Me_BoundTokenAsBearer_IsInvalidToken()
    {
        var (_, token) = await BoundTokenAsync();

        AssertRefused(await GetAsync("/api/me", "Bearer", token), "invalid_token");
    }

    [Fact]
    public async Task Me_ProofWithoutAth_IsInvalidProof()
    {
        var (key, token) = await BoundTokenAsync();

        AssertRefused(await GetAsync("/api/me", "DPoP", token, key.Proof("GET", MeUrl, factory.Clock.GetUtcNow())), "invalid_dpop_proof");
    }

    [Fact]
    public async Task Me_ProofOfAnotherKey_IsInvalidToken()
    {
        var (_, token) = await BoundTokenAsync();

        AssertRefused(await GetAsync("/api/me", "DPoP", token, Proof(DpopKey.Ec(), token)), "invalid_token");
    }

    [Fact]
    public async Task Me_ReplayedProof_IsInvalidProof()
    {
        var (key, token) = await BoundTokenAsync();
        var proof = Proof(key, token);
        Html.AssertStatus(HttpStatusCode.OK, await GetAsync("/api/me", "DPoP", token, proof));

        AssertRefused(await GetAsync("/api/me", "DPoP", token, proof), "invalid_dpop_proof");
    }

    [Theory]
    [InlineData("https://localhost/api/samples/controller", "GET")]
    [InlineData(MeUrl, "POST")]
    public async Task Me_ProofForAnotherRequest_IsInvalidProof(string url, string method)
    {
        var (key, token) = await BoundTokenAsync();

        AssertRefused(await GetAsync("/api/me", "DPoP", token, Proof(key, token, url, method)), "invalid_dpop_proof");
    }

    [Fact]
    public async Task Me_NoProof_IsInvalidProof()
    {
        var (_, token) = await BoundTokenAsync();

        AssertRefused(await GetAsync("/api/me", "DPoP", token), "invalid_dpop_proof");
    }

    [Fact]
    public async Task Me_BearerTokenWithTheDpopScheme_IsInvalidToken()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, sharedScopes: ["profile"]);
        var tokens = await TokenEndpoint.ObtainTokensAsync(scenario);
        var key = DpopKey.Ec();

        AssertRefused(await GetAsync("/api/me", "DPoP", tokens["access_token"]!, Proof(key, tokens["access_token"]!)), "invalid_token");
    }

    [Fact]
    public async Task UserInfo_BoundTokenWithItsProof_Answers()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, sharedScopes: ["openid", "profile"]);
        var key = DpopKey.Ec();
        var reply = await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/token", TokenEndpoint.CodeForm(scenario, await TokenEndpoint.AuthorizeAsync(scenario)),
            null, key.Proof("POST", "https://localhost/oauth2/token", factory.Clock.GetUtcNow()));
        var token = reply["access_token"]!;

        var response = await GetAsync("/oauth2/userinfo", "DPoP", token, Proof(key, token, "https://localhost/oauth2/userinfo"));

        Html.AssertStatus(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task Me_PreflightForADpopCall_AllowsTheDpopHeader()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/me");
        request.Headers.Add("Origin", "https://spa.example.test");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, dpop");

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Contains("DPoP", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Metadata_ListsTheDpopAlgorithms()
    {
        var metadata = System.Text.Json.JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/.well-known/openid-configuration")).RootElement;

        Assert.Equal(["ES256", "PS256", "RS256", "EdDSA"], metadata.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
    }
}
