using System.Net;
using System.Text.Json;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Authorization;

/// <summary>POST /oauth2/par (RFC 9126 §2): who may push, what is checked before anything is stored, what comes back.</summary>
public sealed class PushedAuthorizationEndpointTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Push_ValidRequest_Answers201WithRequestUriAndExpiresIn()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var reply = await PushedRequests.PushAsync(scenario);

        Html.AssertStatus(HttpStatusCode.Created, reply.Response);
        Assert.Equal("no-store", reply.Response.Headers.CacheControl?.ToString());
        Assert.Matches("^urn:ietf:params:oauth:request_uri:[A-Za-z0-9_-]{43}$", reply["request_uri"]);
        Assert.Equal("60", reply["expires_in"]);
        Assert.Equal(1, await PushedRequests.CountAsync(factory, scenario.ClientId));
    }

    [Fact]
    public async Task Push_PublicClientWithClientIdOnly_IsAccepted()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, Data.ClientType.Public);

        var reply = await PushedRequests.PushAsync(scenario);

        Html.AssertStatus(HttpStatusCode.Created, reply.Response);
    }

    [Fact]
    public async Task Push_WrongSecret_IsInvalidClientAndStoresNothing()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var reply = await PushedRequests.PushAsync(scenario, ("client_secret", "wrong"));

        Html.AssertStatus(HttpStatusCode.Unauthorized, reply.Response);
        Assert.Equal("invalid_client", reply["error"]);
        Assert.Equal(0, await PushedRequests.CountAsync(factory, scenario.ClientId));
    }

    [Theory]
    [InlineData("redirect_uri", "https://evil.example.test/callback", "invalid_request")]
    [InlineData("response_type", "token", "unsupported_response_type")]
    [InlineData("scope", "no-such-scope", "invalid_scope")]
    [InlineData("request_uri", "urn:ietf:params:oauth:request_uri:abc", "invalid_request")]
    [InlineData("request", "eyJhbGciOiJub25lIn0.e30.", "request_not_supported")]
    public async Task Push_InvalidRequest_IsJsonErrorAndStoresNothing(string name, string value, string error)
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var reply = await PushedRequests.PushAsync(scenario, (name, value));

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Null(reply.Response.Headers.Location);
        Assert.Equal(error, reply["error"]);
        Assert.False(string.IsNullOrEmpty(reply["error_description"]));
        Assert.Equal(0, await PushedRequests.CountAsync(factory, scenario.ClientId));
    }

    [Fact]
    public async Task Push_PublicClientWithoutPkce_IsInvalidRequestAndStoresNothing()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, Data.ClientType.Public);

        var reply = await PushedRequests.PushAsync(scenario, ("code_challenge", null), ("code_challenge_method", null));

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("invalid_request", reply["error"]);
        Assert.Equal(0, await PushedRequests.CountAsync(factory, scenario.ClientId));
    }

    [Fact]
    public async Task Get_Par_IsRefusedAsJson()
    {
        var response = await factory.CreateClient().GetAsync(PushedRequests.Path);

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Equal("invalid_request", JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/.well-known/oauth-authorization-server")]
    [InlineData("/.well-known/openid-configuration")]
    public async Task Metadata_Always_PublishesTheParEndpoint(string path)
    {
        var metadata = JsonSerializer.Deserialize<JsonElement>(await factory.CreateClient().GetStringAsync(path));

        Assert.Equal("https://localhost/oauth2/par", metadata.GetProperty("pushed_authorization_request_endpoint").GetString());
        Assert.False(metadata.GetProperty("require_pushed_authorization_requests").GetBoolean());
    }

    [Fact]
    public async Task Metadata_GlobalRequirement_SaysParIsRequired()
    {
        using var required = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequirePushedAuthorizationRequests"] = "true" });

        var metadata = JsonSerializer.Deserialize<JsonElement>(await required.CreateClient().GetStringAsync("/.well-known/openid-configuration"));

        Assert.True(metadata.GetProperty("require_pushed_authorization_requests").GetBoolean());
    }
}
