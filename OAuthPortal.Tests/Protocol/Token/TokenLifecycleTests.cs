using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Token;

/// <summary>The whole life of a token over HTTP: authorize, exchange, refresh, revoke, introspect.</summary>
public sealed class TokenLifecycleTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Lifecycle_CodeTokenRefreshRevokeIntrospect_EndsInactive()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var http = factory.CreateClient();
        var basic = TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!);

        var code = await TokenEndpoint.AuthorizeAsync(scenario, ("redirect_uri", scenario.RedirectUri));
        var issued = await TokenEndpoint.TokenAsync(http, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = scenario.RedirectUri, ["code_verifier"] = OAuthScenario.Verifier,
        }, basic);
        var refreshed = await TokenEndpoint.TokenAsync(http, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = issued["refresh_token"]!,
        }, basic);
        var active = await TokenEndpoint.PostAsync(http, "/oauth2/introspect", new Dictionary<string, string> { ["token"] = refreshed["access_token"]! }, basic);
        var revoked = await TokenEndpoint.PostAsync(http, "/oauth2/revoke", new Dictionary<string, string> { ["token"] = refreshed["access_token"]! }, basic);
        var inactive = await TokenEndpoint.PostAsync(http, "/oauth2/introspect", new Dictionary<string, string> { ["token"] = refreshed["access_token"]! }, basic);

        Html.AssertStatus(HttpStatusCode.OK, issued.Response);
        Html.AssertStatus(HttpStatusCode.OK, refreshed.Response);
        Assert.True(active.Json.GetProperty("active").GetBoolean());
        Html.AssertStatus(HttpStatusCode.OK, revoked.Response);
        Assert.False(inactive.Json.GetProperty("active").GetBoolean());
    }
}
