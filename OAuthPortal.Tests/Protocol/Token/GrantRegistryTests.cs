using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Token;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Token;

/// <summary>
/// The token endpoint dispatches through the registered <see cref="ITokenGrant"/>s, refuses a grant type the client
/// was not registered for (RFC 6749 §5.2 unauthorized_client) before the grant runs, and lists what is registered.
/// </summary>
public sealed class GrantRegistryTests
{
    private const string EchoGrantType = "urn:example:params:oauth:grant-type:echo";

    /// <summary>A grant plugged in by a test: answers with what its <see cref="TokenRequestContext"/> carried.</summary>
    private sealed class EchoGrant : ITokenGrant
    {
        public string GrantType => EchoGrantType;

        public Task<OAuthResult<TokenResponse>> HandleAsync(TokenRequestContext request, CancellationToken cancellationToken) =>
            Task.FromResult(OAuthResult<TokenResponse>.Success(new TokenResponse(
                $"{request.Client.Id}|{request.Method}|{request.Url}|{request.Headers["X-Probe"]}|{request.Form.Get("extra")}", "Bearer", 60, "", null)));
    }

    private static Task SetAllowedGrantTypesAsync(PortalFactory factory, string clientId, string grantTypes) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == clientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.AllowedGrantTypes, grantTypes)));

    [Fact]
    public async Task Post_RefreshNotAllowedForTheClient_IsUnauthorizedClient()
    {
        using var factory = new PortalFactory();
        var scenario = await OAuthScenario.CreateAsync(factory);
        var tokens = await TokenEndpoint.ObtainTokensAsync(scenario);
        await SetAllowedGrantTypesAsync(factory, scenario.ClientId, "authorization_code");

        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(), AuthorizationCodeGrantTests.RefreshForm(scenario, tokens["refresh_token"]!));

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("unauthorized_client", reply["error"]);
        Assert.Contains("refresh_token", reply["error_description"]);
    }

    [Fact]
    public async Task Post_CodeGrantNotAllowed_IsRefusedBeforeTheCodeIsSpent()
    {
        using var factory = new PortalFactory();
        var scenario = await OAuthScenario.CreateAsync(factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);
        await SetAllowedGrantTypesAsync(factory, scenario.ClientId, "refresh_token");

        var refused = await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));
        await SetAllowedGrantTypesAsync(factory, scenario.ClientId, "authorization_code refresh_token");
        var allowed = await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));

        Assert.Equal("unauthorized_client", refused["error"]);
        Html.AssertStatus(HttpStatusCode.OK, allowed.Response);
    }

    [Fact]
    public async Task Post_RegisteredGrant_IsDispatchedWithTheClientFormHeadersMethodAndUrl()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?>(), configureServices: s => s.AddTokenGrant<EchoGrant>());
        var scenario = await OAuthScenario.CreateAsync(factory);
        await SetAllowedGrantTypesAsync(factory, scenario.ClientId, EchoGrantType);
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token?ignored=1")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = EchoGrantType, ["extra"] = "form-value" }),
        };
        request.Headers.Authorization = TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!);
        request.Headers.Add("X-Probe", "header-value");

        var response = await factory.CreateClient().SendAsync(request);

        Html.AssertStatus(HttpStatusCode.OK, response);
        var echoed = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        Assert.Equal($"{scenario.ClientId}|POST|https://localhost/oauth2/token|header-value|form-value", echoed);
    }

    [Fact]
    public async Task Metadata_GrantTypesSupported_AreTheRegisteredGrants()
    {
        using var plain = new PortalFactory();
        using var extended = PortalFactory.With(new Dictionary<string, string?>(), configureServices: s => s.AddTokenGrant<EchoGrant>());

        async Task<string[]> GrantTypesAsync(PortalFactory factory) =>
            JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/.well-known/oauth-authorization-server")).RootElement
                .GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()!).ToArray();

        Assert.Equal(["authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code"], await GrantTypesAsync(plain));
        Assert.Equal(["authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code", EchoGrantType],
            await GrantTypesAsync(extended));
    }

    [Fact]
    public async Task Post_UnregisteredGrantType_IsUnsupportedAndNamesTheRegisteredOnes()
    {
        using var factory = new PortalFactory();
        var scenario = await OAuthScenario.CreateAsync(factory);

        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(), new Dictionary<string, string> { ["grant_type"] = EchoGrantType },
            TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!));

        Assert.Equal("unsupported_grant_type", reply["error"]);
        Assert.Contains("authorization_code, refresh_token", reply["error_description"]);
    }

    [Fact]
    public async Task Authorize_CodeGrantNotAllowed_RedirectsUnauthorizedClient()
    {
        // RFC 6749 §4.1.2.1: the client is not authorized to request an authorization code.
        using var factory = new PortalFactory();
        var scenario = await OAuthScenario.CreateAsync(factory);
        await SetAllowedGrantTypesAsync(factory, scenario.ClientId, "refresh_token");

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());

        OAuthAssert.ErrorRedirect(response, scenario.RedirectUri + "?", "unauthorized_client");
    }

    [Fact]
    public async Task Exchange_RefreshNotAllowed_IssuesNoRefreshToken()
    {
        using var factory = new PortalFactory();
        var scenario = await OAuthScenario.CreateAsync(factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);
        await SetAllowedGrantTypesAsync(factory, scenario.ClientId, "authorization_code");

        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.False(reply.Json.TryGetProperty("refresh_token", out _));
        Assert.False((await TestTokens.ByAccessTokenAsync(factory, reply["access_token"]!))!.Refreshable);
    }

    [Theory]
    [InlineData(ClientType.Confidential, "none", null)]
    [InlineData(ClientType.Public, "client_secret_basic", "secret")]
    [InlineData(ClientType.Confidential, "private_key_jwt", "secret")]
    public async Task Post_AuthMethodThatDoesNotFitTheClient_IsInvalidClient(ClientType type, string method, string? secret)
    {
        using var factory = new PortalFactory();
        var scenario = await OAuthScenario.CreateAsync(factory, type);
        await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == scenario.ClientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.TokenEndpointAuthMethod, method)));
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "x", ["client_id"] = scenario.ClientId };
        if (secret is not null)
        {
            form["client_secret"] = scenario.ClientSecret ?? secret;
        }

        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(), form);

        Html.AssertStatus(HttpStatusCode.Unauthorized, reply.Response);
        Assert.Equal("invalid_client", reply["error"]);
    }
}
