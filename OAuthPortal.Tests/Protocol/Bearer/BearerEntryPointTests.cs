using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OAuthPortal.Management.Scopes;
using OAuthPortal.OAuth.Bearer;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Bearer;

/// <summary>
/// The user-facing results (/api/me), the Bearer authentication scheme with [Authorize], the realm's escaping, the
/// form-body method, and a required scope that does not exist — on test-only endpoints where needed.
/// </summary>
public sealed class BearerEntryPointTests
{
    private static PortalFactory Portal(Dictionary<string, string?>? settings = null, ListLoggerProvider? logs = null) =>
        PortalFactory.With(settings ?? [], configureServices: services =>
        {
            services.AddTransient<IStartupFilter, TestEndpoints>();
            if (logs is not null)
            {
                services.AddSingleton<ILoggerProvider>(logs);
            }
        });

    private static async Task<(OAuthScenario Scenario, string AccessToken)> TokenAsync(PortalFactory factory, bool withProfile = true)
    {
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1, sharedScopes: withProfile ? ["profile"] : []);
        return (scenario, (await TokenEndpoint.ObtainTokensAsync(scenario))["access_token"]!);
    }

    [Fact]
    public async Task Me_TokenFromTheRealFlow_ReturnsTheUserThenFailsAfterRevocation()
    {
        using var factory = Portal();
        var (scenario, token) = await TokenAsync(factory);

        var me = await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", token);
        var body = JsonSerializer.Deserialize<JsonElement>(await me.Content.ReadAsStringAsync());
        await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/revoke", new Dictionary<string, string> { ["token"] = token },
            TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!));
        var afterRevocation = await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", token);

        Html.AssertStatus(HttpStatusCode.OK, me);
        Assert.Equal(scenario.User.Id, body.GetProperty("sub").GetString());
        Assert.Equal(scenario.User.Email, body.GetProperty("email").GetString());
        Assert.Equal(scenario.ClientId, body.GetProperty("client_id").GetString());
        Assert.Equal(scenario.Scopes.Order(), body.GetProperty("scope").GetString()!.Split(' ').Order());
        Html.AssertStatus(HttpStatusCode.Unauthorized, afterRevocation);
        Assert.Contains("error=\"invalid_token\"", ApiCalls.Challenge(afterRevocation));
    }

    [Fact]
    public async Task AuthorizeWithBearerScheme_ValidToken_SeesSubClientIdAndOneScopeClaimEach()
    {
        using var factory = Portal();
        var (scenario, token) = await TokenAsync(factory);

        var response = await ApiCalls.GetAsync(factory.CreateClient(), "/api/samples/claims", token);

        Html.AssertStatus(HttpStatusCode.OK, response);
        var claims = JsonSerializer.Deserialize<Dictionary<string, string[]>>(await response.Content.ReadAsStringAsync())!;
        Assert.Equal([scenario.User.Id], claims["sub"]);
        Assert.Equal([scenario.ClientId], claims["client_id"]);
        Assert.Equal(scenario.Scopes.Order(), claims["scope"].Order());
    }

    [Fact]
    public async Task AuthorizeWithBearerScheme_NoTokenOrUnknownOrLackingScope_AnswersLikeTheAttribute()
    {
        using var factory = Portal();
        var (_, withoutProfile) = await TokenAsync(factory, withProfile: false);
        var http = factory.CreateClient();

        var none = await ApiCalls.GetAsync(http, "/api/samples/claims", null);
        var unknown = await ApiCalls.GetAsync(http, "/api/samples/claims", "no-such-token");
        var lacking = await ApiCalls.GetAsync(http, "/api/samples/claims", withoutProfile);
        var cookieOnly = await (await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!)).GetAsync("/api/samples/claims");

        Html.AssertStatus(HttpStatusCode.Unauthorized, none);
        Assert.Equal(ApiCalls.BareChallenge(), ApiCalls.Challenge(none));
        Html.AssertStatus(HttpStatusCode.Unauthorized, unknown);
        Assert.Contains("error=\"invalid_token\"", ApiCalls.Challenge(unknown));
        Html.AssertStatus(HttpStatusCode.Forbidden, lacking);
        Assert.Contains("error=\"insufficient_scope\"", ApiCalls.Challenge(lacking));
        Html.AssertStatus(HttpStatusCode.Unauthorized, cookieOnly);
    }

    [Fact]
    public async Task Challenge_RealmWithQuoteAndBackslash_IsAnEscapedQuotedString()
    {
        using var factory = Portal(new Dictionary<string, string?> { ["OAuth:Realm"] = "my \"api\" \\ v1" });

        var response = await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", null);

        Assert.Equal("Bearer realm=\"my \\\"api\\\" \\\\ v1\", resource_metadata=\"https://localhost/.well-known/oauth-protected-resource/api\"", ApiCalls.Challenge(response));
    }

    [Theory]
    [InlineData(false, HttpStatusCode.Unauthorized)]
    [InlineData(true, HttpStatusCode.OK)]
    public async Task PostFormBodyToken_DependsOnAllowFormBodyBearer(bool allowed, HttpStatusCode expected)
    {
        using var factory = Portal(new Dictionary<string, string?> { ["OAuth:AllowFormBodyBearer"] = allowed ? "true" : "false" });
        var (_, token) = await TokenAsync(factory);

        var response = await factory.CreateClient().PostAsync("/test-api/form", new FormUrlEncodedContent([new("access_token", token)]));

        Html.AssertStatus(expected, response);
    }

    [Fact]
    public async Task PostFormBodyTokenAndHeader_Is400InvalidRequest()
    {
        using var factory = Portal(new Dictionary<string, string?> { ["OAuth:AllowFormBodyBearer"] = "true" });
        var (_, token) = await TokenAsync(factory);
        var request = new HttpRequestMessage(HttpMethod.Post, "/test-api/form") { Content = new FormUrlEncodedContent([new("access_token", token)]) };
        request.Headers.Authorization = new("Bearer", token);

        Html.AssertStatus(HttpStatusCode.BadRequest, await factory.CreateClient().SendAsync(request));
    }

    [Fact]
    public async Task Get_RequiredScopeThatDoesNotExist_Is403AndWarnsOnceNamingTheEndpoint()
    {
        var logs = new ListLoggerProvider();
        using var factory = Portal(logs: logs);
        var (_, token) = await TokenAsync(factory);

        var first = await ApiCalls.GetAsync(factory.CreateClient(), "/test-api/undefined-scope", token);
        var second = await ApiCalls.GetAsync(factory.CreateClient(), "/test-api/undefined-scope", token);

        Html.AssertStatus(HttpStatusCode.Forbidden, first);
        Html.AssertStatus(HttpStatusCode.Forbidden, second);
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("no-such-scope-anywhere"));
        Assert.Contains("undefined-scope", warning.Message);
    }

    [Fact]
    public async Task Group_ScopesOnGroupAndEndpoint_AreBothRequired()
    {
        using var factory = Portal();
        var (_, token) = await TokenAsync(factory);

        var response = await ApiCalls.GetAsync(factory.CreateClient(), "/test-api/group/both", token);

        Html.AssertStatus(HttpStatusCode.Forbidden, response);
        Assert.EndsWith("scope=\"profile other-scope\"", ApiCalls.Challenge(response));
    }

    [Fact]
    public async Task Get_EndpointMappedWhereTheMiddlewareIsMissing_IsStillProtectedByTheFilter()
    {
        using var factory = Portal();

        var response = await ApiCalls.GetAsync(factory.CreateClient(), "/test-unguarded/secret", null);

        Html.AssertStatus(HttpStatusCode.Unauthorized, response);
    }

    [Fact]
    public async Task Get_TokenWithASubsetOfTwoExistingRequiredScopes_Is403NamingBoth()
    {
        // djoauth2: TestOAuthScopeEndpointDecorator.test_scope_subset_of_endpoint_scope_fails
        var logs = new ListLoggerProvider();
        using var factory = Portal(logs: logs);
        await factory.WithScopeAsync(s => s.GetRequiredService<ScopeCatalog>().CreateAsync("orders-test", "Orders"));
        var (_, token) = await TokenAsync(factory);

        var response = await ApiCalls.GetAsync(factory.CreateClient(), "/test-api/two-scopes", token);

        Html.AssertStatus(HttpStatusCode.Forbidden, response);
        Assert.EndsWith("scope=\"profile orders-test\"", ApiCalls.Challenge(response));
        Assert.DoesNotContain(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("orders-test"));
    }

    [Fact]
    public async Task Get_DeclarationWithoutScopes_StillNeedsAValidToken()
    {
        using var factory = Portal();
        var (scenario, token) = await TokenAsync(factory, withProfile: false);

        var without = await ApiCalls.GetAsync(factory.CreateClient(), "/test-api/any-token", null);
        var with = await ApiCalls.GetAsync(factory.CreateClient(), "/test-api/any-token", token);

        Html.AssertStatus(HttpStatusCode.Unauthorized, without);
        Html.AssertStatus(HttpStatusCode.OK, with);
        Assert.Contains(scenario.ClientId, await with.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AuthorizeWithBearerScheme_TokenLackingTheScopeClaim_Is403NamingTheScope()
    {
        using var factory = Portal();
        var (_, withoutProfile) = await TokenAsync(factory, withProfile: false);

        var response = await ApiCalls.GetAsync(factory.CreateClient(), "/api/samples/claims", withoutProfile);

        Html.AssertStatus(HttpStatusCode.Forbidden, response);
        Assert.EndsWith("error=\"insufficient_scope\", error_description=\"The access token does not grant every scope this resource requires.\", scope=\"profile\"",
            ApiCalls.Challenge(response));
    }

    [Fact]
    public async Task Cors_BrowserApp_CanReadTheChallengeHeader()
    {
        using var factory = Portal();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Origin", "https://spa.example.test");

        var response = await factory.CreateClient().SendAsync(request);

        Html.AssertStatus(HttpStatusCode.Unauthorized, response);
        Assert.Contains("WWW-Authenticate", response.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }

    [Fact]
    public void Attribute_ScopeNameThatCanNeverExist_IsRefusedAtOnce()
    {
        Assert.Throws<ArgumentException>(() => new OAuthScopeAttribute("two words"));
        Assert.Throws<ArgumentException>(() => new OAuthScopeAttribute("café"));
    }

    /// <summary>Endpoints only the tests need: a POST for form-body tokens, a scope nobody defined, a group, no middleware.</summary>
    private sealed class TestEndpoints : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/test-api", branch =>
            {
                branch.UseRouting();
                branch.UseOAuthScopes();
                branch.UseEndpoints(endpoints =>
                {
                    endpoints.MapPost("/form", (OAuthAccessToken token) => Results.Ok(token.ClientId)).RequireOAuthScope("profile");
                    endpoints.MapGet("/undefined-scope", () => Results.Ok()).RequireOAuthScope("no-such-scope-anywhere");
                    endpoints.MapGroup("/group").RequireOAuthScope("profile").MapGet("/both", () => Results.Ok()).RequireOAuthScope("other-scope");
                    endpoints.MapGet("/two-scopes", () => Results.Ok()).RequireOAuthScope("profile", "orders-test");
                    endpoints.MapGet("/any-token", (OAuthAccessToken token) => Results.Ok(token.ClientId)).RequireOAuthScope();
                });
            });
            app.Map("/test-unguarded", branch =>
            {
                branch.UseRouting();
                branch.UseEndpoints(endpoints => endpoints.MapGet("/secret", () => Results.Ok("secret")).RequireOAuthScope("profile"));
            });
            next(app);
        };
    }
}
