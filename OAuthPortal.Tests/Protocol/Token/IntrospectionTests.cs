using System.Net;
using System.Text.Json;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Token;

/// <summary>POST /oauth2/introspect (RFC 7662), for confidential clients.</summary>
public sealed class IntrospectionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<TokenEndpoint.Reply> IntrospectAsync(OAuthScenario caller, string token, string? hint = null)
    {
        var form = new Dictionary<string, string> { ["token"] = token };
        if (hint is not null)
        {
            form["token_type_hint"] = hint;
        }

        return TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/introspect", form,
            caller.ClientSecret is null ? null : TokenEndpoint.Basic(caller.ClientId, caller.ClientSecret));
    }

    private static void AssertInactive(TokenEndpoint.Reply reply)
    {
        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.Equal("""{"active":false}""", reply.Json.GetRawText());
    }

    [Fact]
    public async Task Introspect_ActiveAccessToken_DescribesIt()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var tokens = await TokenEndpoint.ObtainTokensAsync(scenario);

        var reply = await IntrospectAsync(scenario, tokens["access_token"]!);

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.True(reply.Json.GetProperty("active").GetBoolean());
        Assert.Equal(tokens["scope"], reply["scope"]);
        Assert.Equal(scenario.ClientId, reply["client_id"]);
        Assert.Equal(scenario.User.Email, reply["username"]);
        Assert.Equal(scenario.User.Id, reply["sub"]);
        Assert.Equal("Bearer", reply["token_type"]);
        Assert.Equal(PortalFactory.Start.AddHours(1).ToUnixTimeSeconds(), reply.Json.GetProperty("exp").GetInt64());
        Assert.Equal(PortalFactory.Start.ToUnixTimeSeconds(), reply.Json.GetProperty("iat").GetInt64());
        Assert.Equal("https://localhost", reply["iss"]);
        Assert.True(reply.Response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Introspect_ActiveRefreshToken_DescribesItsOwnExpiry()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var tokens = await TokenEndpoint.ObtainTokensAsync(scenario);

        var reply = await IntrospectAsync(scenario, tokens["refresh_token"]!, "refresh_token");

        Assert.True(reply.Json.GetProperty("active").GetBoolean());
        Assert.Equal("refresh_token", reply["token_type"]);
        Assert.Equal(PortalFactory.Start.AddDays(30).ToUnixTimeSeconds(), reply.Json.GetProperty("exp").GetInt64());
    }

    [Theory]
    [InlineData("access_token")]
    [InlineData("refresh_token")]
    public async Task Introspect_TokenOfAnotherClient_IsInactiveAndRevealsNothing(string which)
    {
        // RFC 7662 section 4: no token-validity oracle, and no user e-mail, for other clients.
        var owner = await OAuthScenario.CreateAsync(factory);
        var other = await OAuthScenario.CreateAsync(factory);
        var tokens = await TokenEndpoint.ObtainTokensAsync(owner);

        AssertInactive(await IntrospectAsync(other, tokens[which]!));
    }

    [Fact]
    public async Task Introspect_UnknownToken_IsInactiveOnly()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        AssertInactive(await IntrospectAsync(scenario, "no-such-token"));
    }

    [Fact]
    public async Task Introspect_ExpiredToken_IsInactive()
    {
        using var shortLived = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:AccessTokenLifetime"] = "00:00:01" });
        var scenario = await OAuthScenario.CreateAsync(shortLived);
        var tokens = await TokenEndpoint.ObtainTokensAsync(scenario);
        shortLived.Clock.Advance(TimeSpan.FromSeconds(1));

        var reply = await TokenEndpoint.PostAsync(shortLived.CreateClient(), "/oauth2/introspect",
            new Dictionary<string, string> { ["token"] = tokens["access_token"]! }, TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!));

        AssertInactive(reply);
    }

    [Fact]
    public async Task Introspect_RevokedToken_IsInactive()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var tokens = await TokenEndpoint.ObtainTokensAsync(scenario);
        await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/revoke",
            new Dictionary<string, string> { ["token"] = tokens["access_token"]! }, TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!));

        AssertInactive(await IntrospectAsync(scenario, tokens["access_token"]!));
        AssertInactive(await IntrospectAsync(scenario, tokens["refresh_token"]!));
    }

    [Fact]
    public async Task Introspect_PublicClient_Is401InvalidClient()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, ClientType.Public);
        var tokens = await TokenEndpoint.ObtainTokensAsync(scenario);

        var reply = await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/introspect",
            new Dictionary<string, string> { ["token"] = tokens["access_token"]!, ["client_id"] = scenario.ClientId });

        Html.AssertStatus(HttpStatusCode.Unauthorized, reply.Response);
        Assert.Equal("invalid_client", reply["error"]);
    }

    [Fact]
    public async Task Introspect_NoCredentials_IsInvalidRequest()
    {
        var reply = await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/introspect", new Dictionary<string, string> { ["token"] = "x" });

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("invalid_request", reply["error"]);
    }
}
