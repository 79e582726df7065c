using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Oidc;

/// <summary>id_tokens from the token endpoint (OpenID Connect Core §§2, 3.1.3.3, 3.1.3.6, 11, 12.2).</summary>
public sealed class IdTokenTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public IdTokenTests(PortalFactory factory) => _factory = factory;

    private Task<OAuthScenario> ScenarioAsync(params string[] scopes) =>
        OAuthScenario.CreateAsync(_factory, scopeCount: 0, sharedScopes: scopes);

    private async Task<TokenEndpoint.Reply> ExchangeAsync(OAuthScenario scenario, params (string Name, string? Value)[] overrides)
    {
        var code = await TokenEndpoint.AuthorizeAsync(scenario, overrides);
        var reply = await TokenEndpoint.TokenAsync(_factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));
        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        return reply;
    }

    [Fact]
    public async Task CodeExchange_OpenIdWithNonce_ReturnsASignedIdTokenWithEveryRequiredClaim()
    {
        var signedInAt = _factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        var scenario = await ScenarioAsync("openid");

        var reply = await ExchangeAsync(scenario, ("nonce", "n-0S6_WzA2Mj"));

        var token = await IdTokens.ValidateAsync(_factory, reply["id_token"], scenario.ClientId);
        var payload = IdTokens.Payload(token);
        Assert.Equal(scenario.User.Id, token.Subject);
        Assert.Equal(scenario.ClientId, payload.GetProperty("azp").GetString());
        Assert.Equal("n-0S6_WzA2Mj", payload.GetProperty("nonce").GetString());
        Assert.Equal(LeftHalfOfSha256(reply["access_token"]!), payload.GetProperty("at_hash").GetString());
        Assert.Equal(300, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        Assert.Equal(signedInAt, payload.GetProperty("auth_time").GetInt64());
        Assert.Equal(["pwd"], payload.GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("RS256", token.Alg);
        Assert.False(string.IsNullOrEmpty(token.Kid));
        var sessions = await _factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().UserSessions
            .Where(x => x.UserId == scenario.User.Id).Select(x => x.Id).ToListAsync());
        Assert.Equal(sessions, [payload.GetProperty("sid").GetString()!]);
        Assert.Equal("openid", reply["scope"]);
    }

    [Fact]
    public async Task CodeExchange_ClientChoseES256_SignsWithES256()
    {
        var scenario = await ScenarioAsync("openid");
        await _factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == scenario.ClientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.IdTokenSignedResponseAlg, "ES256")));

        var reply = await ExchangeAsync(scenario);

        Assert.Equal("ES256", (await IdTokens.ValidateAsync(_factory, reply["id_token"], scenario.ClientId)).Alg);
    }

    [Fact]
    public async Task CodeExchange_NoOpenIdScope_ReturnsNoIdTokenAndKeepsTheRefreshToken()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory, scopeCount: 1);

        var reply = await ExchangeAsync(scenario);

        Assert.Null(reply["id_token"]);
        Assert.NotNull(reply["refresh_token"]);
    }

    [Fact]
    public async Task CodeExchange_OpenIdWithoutOfflineAccess_IssuesNoRefreshToken()
    {
        var scenario = await ScenarioAsync("openid", "profile");

        var reply = await ExchangeAsync(scenario);

        Assert.NotNull(reply["id_token"]);
        Assert.Null(reply["refresh_token"]);
    }

    [Fact]
    public async Task Refresh_OpenIdWithOfflineAccess_ReturnsANewIdTokenWithTheSameSubjectAndAuthTimeAndNoNonce()
    {
        var scenario = await ScenarioAsync("openid", "offline_access");
        var first = await ExchangeAsync(scenario, ("nonce", "abc"));
        var original = IdTokens.Payload(await IdTokens.ValidateAsync(_factory, first["id_token"], scenario.ClientId));

        var refreshed = await TokenEndpoint.TokenAsync(_factory.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = first["refresh_token"]!, ["client_id"] = scenario.ClientId, ["client_secret"] = scenario.ClientSecret!,
        });

        Html.AssertStatus(HttpStatusCode.OK, refreshed.Response);
        var renewed = IdTokens.Payload(await IdTokens.ValidateAsync(_factory, refreshed["id_token"], scenario.ClientId));
        Assert.Equal(original.GetProperty("sub").GetString(), renewed.GetProperty("sub").GetString());
        Assert.Equal(original.GetProperty("auth_time").GetInt64(), renewed.GetProperty("auth_time").GetInt64());
        Assert.Equal(original.GetProperty("sid").GetString(), renewed.GetProperty("sid").GetString());
        Assert.False(renewed.TryGetProperty("nonce", out _));
        Assert.Equal(LeftHalfOfSha256(refreshed["access_token"]!), renewed.GetProperty("at_hash").GetString());
        Assert.NotNull(refreshed["refresh_token"]);
    }

    [Fact]
    public async Task CodeExchange_ClaimsParameterAsksForEmailInTheIdToken_PutsItThereOnlyWhenTheEmailScopeIsGranted()
    {
        var withEmail = await ScenarioAsync("openid", "email");
        var withoutEmail = await ScenarioAsync("openid");
        const string claims = """{"id_token":{"email":{"essential":true},"unknown_claim":null}}""";

        var granted = IdTokens.Payload(await IdTokens.ValidateAsync(_factory, (await ExchangeAsync(withEmail, ("claims", claims)))["id_token"], withEmail.ClientId));
        var notGranted = IdTokens.Payload(await IdTokens.ValidateAsync(_factory, (await ExchangeAsync(withoutEmail, ("claims", claims)))["id_token"], withoutEmail.ClientId));

        Assert.Equal(withEmail.User.Email, granted.GetProperty("email").GetString());
        Assert.False(granted.TryGetProperty("unknown_claim", out _));
        Assert.False(notGranted.TryGetProperty("email", out _));
    }

    /// <summary>Core §3.1.3.6, written out here rather than taken from the code under test.</summary>
    private static string LeftHalfOfSha256(string accessToken) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(accessToken))[..16])
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task IdToken_Always_ValidatesAgainstTheJwksAndNamesAKidItLists()
    {
        var scenario = await ScenarioAsync("openid");

        var token = await IdTokens.ValidateAsync(_factory, (await ExchangeAsync(scenario))["id_token"], scenario.ClientId);

        Assert.Contains(token.Kid, (await IdTokens.JwksAsync(_factory)).Select(k => k.Kid));
    }
}
