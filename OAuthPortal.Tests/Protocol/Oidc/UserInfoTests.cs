using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Oidc;

/// <summary>The UserInfo endpoint (OpenID Connect Core §5.3) and its errors (RFC 6750 §3.1).</summary>
public sealed class UserInfoTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public UserInfoTests(PortalFactory factory) => _factory = factory;

    private async Task<(OAuthScenario Scenario, string AccessToken)> TokenAsync(string[] scopes, string? claims = null)
    {
        var scenario = await OAuthScenario.CreateAsync(_factory, scopeCount: 0, sharedScopes: scopes);
        await _factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Users.Where(u => u.Id == scenario.User.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Name, "Ada Lovelace").SetProperty(x => x.GivenName, "Ada").SetProperty(x => x.FamilyName, "Lovelace")));
        var code = await TokenEndpoint.AuthorizeAsync(scenario, claims is null ? [] : [("claims", claims)]);
        var reply = await TokenEndpoint.TokenAsync(_factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));
        return (scenario, reply["access_token"]!);
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> CallAsync(HttpMethod method, string? accessToken)
    {
        var request = new HttpRequestMessage(method, "/oauth2/userinfo");
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        var response = await _factory.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonSerializer.Deserialize<JsonElement>(text) : default);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task UserInfo_OpenIdProfileEmail_ReturnsTheirClaimsAndNoStore(string method)
    {
        var (scenario, token) = await TokenAsync(["openid", "profile", "email"]);

        var (response, body) = await CallAsync(new HttpMethod(method), token);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(scenario.User.Id, body.GetProperty("sub").GetString());
        Assert.Equal("Ada Lovelace", body.GetProperty("name").GetString());
        Assert.Equal("Ada", body.GetProperty("given_name").GetString());
        Assert.Equal("Lovelace", body.GetProperty("family_name").GetString());
        Assert.Equal(scenario.User.Email, body.GetProperty("preferred_username").GetString());
        Assert.True(body.GetProperty("updated_at").GetInt64() > 0);
        Assert.Equal(scenario.User.Email, body.GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.True, body.GetProperty("email_verified").ValueKind);
    }

    [Fact]
    public async Task UserInfo_OpenIdOnly_ReturnsSubjectAlone()
    {
        var (scenario, token) = await TokenAsync(["openid"]);

        var (_, body) = await CallAsync(HttpMethod.Get, token);

        Assert.Equal([("sub", scenario.User.Id)], body.EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
    }

    [Fact]
    public async Task UserInfo_ClaimsParameterAsksForAClaimItsScopeDoesNotCover_LeavesItOut()
    {
        var (_, token) = await TokenAsync(["openid", "profile"], """{"userinfo":{"email":{"essential":true},"name":null}}""");

        var (_, body) = await CallAsync(HttpMethod.Get, token);

        Assert.Equal("Ada Lovelace", body.GetProperty("name").GetString());
        Assert.False(body.TryGetProperty("email", out _));
    }

    [Fact]
    public async Task UserInfo_NoToken_Answers401WithABearerChallenge()
    {
        var (response, _) = await CallAsync(HttpMethod.Get, null);

        Html.AssertStatus(HttpStatusCode.Unauthorized, response);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task UserInfo_UnknownToken_Answers401InvalidToken()
    {
        var (response, _) = await CallAsync(HttpMethod.Get, "not-a-token-issued-here");

        Html.AssertStatus(HttpStatusCode.Unauthorized, response);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task UserInfo_TokenWithoutOpenId_Answers403InsufficientScope()
    {
        var (_, token) = await TokenAsync(["profile"]);

        var (response, _) = await CallAsync(HttpMethod.Get, token);

        Html.AssertStatus(HttpStatusCode.Forbidden, response);
        Assert.Contains("error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task UserInfo_Put_Answers405()
    {
        var (_, token) = await TokenAsync(["openid"]);

        var (response, _) = await CallAsync(HttpMethod.Put, token);

        Html.AssertStatus(HttpStatusCode.MethodNotAllowed, response);
    }
}
