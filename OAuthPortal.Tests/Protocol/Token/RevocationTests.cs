using System.Net;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Token;

/// <summary>POST /oauth2/revoke (RFC 7009).</summary>
public sealed class RevocationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> Form(OAuthScenario scenario, string? token, string? hint = null)
    {
        var form = new Dictionary<string, string> { ["client_id"] = scenario.ClientId };
        if (scenario.ClientSecret is not null)
        {
            form["client_secret"] = scenario.ClientSecret;
        }

        if (token is not null)
        {
            form["token"] = token;
        }

        if (hint is not null)
        {
            form["token_type_hint"] = hint;
        }

        return form;
    }

    private Task<TokenEndpoint.Reply> RevokeAsync(Dictionary<string, string> form) =>
        TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/revoke", form);

    [Theory]
    [InlineData("access_token", null)]
    [InlineData("access_token", "access_token")]
    [InlineData("access_token", "refresh_token")]   // a wrong hint only changes the lookup order
    [InlineData("refresh_token", null)]
    [InlineData("refresh_token", "refresh_token")]
    [InlineData("refresh_token", "unknown_hint")]
    public async Task Revoke_OwnToken_Is200AndRevokesBothTokensAtOnce(string which, string? hint)
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var tokens = await TokenEndpoint.ObtainTokensAsync(scenario);

        var reply = await RevokeAsync(Form(scenario, tokens[which], hint));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.Equal("", await reply.Response.Content.ReadAsStringAsync());
        Assert.True(reply.Response.Headers.CacheControl?.NoStore);
        Assert.True(await TestTokens.IsRevokedAsync(factory, tokens["access_token"]!));
        var refresh = await TokenEndpoint.TokenAsync(factory.CreateClient(), AuthorizationCodeGrantTests.RefreshForm(scenario, tokens["refresh_token"]!));
        Assert.Equal("invalid_grant", refresh["error"]);
    }

    [Fact]
    public async Task Revoke_UnknownToken_Is200()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        Html.AssertStatus(HttpStatusCode.OK, (await RevokeAsync(Form(scenario, "no-such-token"))).Response);
    }

    [Fact]
    public async Task Revoke_AnotherClientsToken_Is200AndLeavesItAlone()
    {
        var owner = await OAuthScenario.CreateAsync(factory);
        var other = await OAuthScenario.CreateAsync(factory);
        var tokens = await TokenEndpoint.ObtainTokensAsync(owner);

        var reply = await RevokeAsync(Form(other, tokens["access_token"]));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.False(await TestTokens.IsRevokedAsync(factory, tokens["access_token"]!));
    }

    [Fact]
    public async Task Revoke_PublicClientWithoutSecret_Works()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, ClientType.Public);
        var tokens = await TokenEndpoint.ObtainTokensAsync(scenario);

        Html.AssertStatus(HttpStatusCode.OK, (await RevokeAsync(Form(scenario, tokens["refresh_token"]))).Response);
        Assert.True(await TestTokens.IsRevokedAsync(factory, tokens["access_token"]!));
    }

    [Fact]
    public async Task Revoke_NoToken_IsInvalidRequest()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var reply = await RevokeAsync(Form(scenario, null));

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("invalid_request", reply["error"]);
    }

    [Fact]
    public async Task Revoke_WrongSecret_Is401InvalidClientAndRevokesNothing()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var tokens = await TokenEndpoint.ObtainTokensAsync(scenario);
        var form = Form(scenario, tokens["access_token"]);
        form["client_secret"] = "wrong";

        var reply = await RevokeAsync(form);

        Html.AssertStatus(HttpStatusCode.Unauthorized, reply.Response);
        Assert.Equal("invalid_client", reply["error"]);
        Assert.False(await TestTokens.IsRevokedAsync(factory, tokens["access_token"]!));
    }

    [Fact]
    public async Task Revoke_Get_IsInvalidRequest()
    {
        var response = await factory.CreateClient().GetAsync("/oauth2/revoke");

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync());
    }
}
