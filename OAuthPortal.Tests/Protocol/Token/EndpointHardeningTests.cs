using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.OAuth.Events;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Token;

/// <summary>What real clients and hostile input do to the JSON endpoints: charsets, CORS, log injection, revocation reasons.</summary>
public sealed class EndpointHardeningTests : IDisposable
{
    private readonly RecordingOAuthEvents _events = new();
    private readonly PortalFactory _factory;

    public EndpointHardeningTests() =>
        _factory = PortalFactory.With(new Dictionary<string, string?>(), configureServices: s => s.AddSingleton<IOAuthEvents>(_events));

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/oauth2/token")]
    [InlineData("/oauth2/revoke")]
    [InlineData("/oauth2/introspect")]
    public async Task Post_FormInAnUndecodableCharset_IsJsonInvalidRequestNotAServerError(string path)
    {
        var content = new StringContent("grant_type=authorization_code", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-7");

        var response = await _factory.CreateClient().PostAsync(path, content);

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Contains("\"error\":\"invalid_request\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/oauth2/authorize")]
    [InlineData("/Identity/Account/Login")]
    public async Task Post_PageFormInAnUndecodableCharset_Is400NotAServerError(string path)
    {
        var content = new StringContent("a=b", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=x-no-such-charset");

        Html.AssertStatus(HttpStatusCode.BadRequest, await _factory.CreateClient().PostAsync(path, content));
    }

    [Theory]
    [InlineData("/oauth2/token", "POST")]
    [InlineData("/oauth2/revoke", "POST")]
    [InlineData("/.well-known/oauth-authorization-server", "GET")]
    [InlineData("/api/me", "GET")]
    public async Task Preflight_FromABrowserApp_IsAllowedWithoutCredentials(string path, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", "https://spa.example.test");
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "content-type");

        var response = await _factory.CreateClient().SendAsync(request);

        Assert.True(response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.OK, $"preflight answered {(int)response.StatusCode}");
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task TokenResponse_ToABrowserApp_CarriesTheCorsHeader()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory, OAuthPortal.Data.ClientType.Public);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token") { Content = new FormUrlEncodedContent(TokenEndpoint.CodeForm(scenario, code)) };
        request.Headers.Add("Origin", "https://spa.example.test");

        var response = await _factory.CreateClient().SendAsync(request);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData("/oauth2/introspect")]
    [InlineData("/oauth2/authorize")]
    public async Task Preflight_ToServerOnlyOrNavigationEndpoints_GetsNoCorsHeaders(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", "https://spa.example.test");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        var response = await _factory.CreateClient().SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task FailedAuthentication_HugeClientIdWithNewlines_IsLoggedTruncatedAndEscaped()
    {
        var clientId = "evil\nINFO: forged log line " + new string('x', 5000);

        await TokenEndpoint.TokenAsync(_factory.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = "c", ["client_id"] = clientId, ["client_secret"] = "s",
        });

        var failure = Assert.Single(_events.Of<ClientAuthenticationFailedEvent>("client-auth-failed"));
        Assert.DoesNotContain('\n', failure.ClientId!);
        Assert.True(failure.ClientId!.Length < 100, $"logged {failure.ClientId.Length} characters");
    }

    [Fact]
    public async Task Refresh_TokenRevokedByItsClient_FailsWithoutAReplayAlarm()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var tokens = await TokenEndpoint.ObtainTokensAsync(scenario);
        await TokenEndpoint.PostAsync(_factory.CreateClient(), "/oauth2/revoke", new Dictionary<string, string> { ["token"] = tokens["refresh_token"]! },
            TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!));

        var reply = await TokenEndpoint.TokenAsync(_factory.CreateClient(), AuthorizationCodeGrantTests.RefreshForm(scenario, tokens["refresh_token"]!));

        Assert.Equal("invalid_grant", reply["error"]);
        Assert.Empty(_events.Of<TokenFamilyEvent>("refresh-reused"));
        Assert.Single(_events.Of<TokenRevokedEvent>("token-revoked"));
    }
}
