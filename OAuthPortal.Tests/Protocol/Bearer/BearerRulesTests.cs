using System.Net;
using System.Text.Json;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Bearer;

/// <summary>
/// RFC 6750 at the HTTP level against each declaration style (djoauth2/tests/endpoint.py, TestOAuthScopeEndpointDecorator):
/// /api/me (minimal API), /api/samples/controller (MVC), /api/samples/page (Razor Page handler).
/// </summary>
public sealed class BearerRulesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(OAuthScenario Scenario, string AccessToken)> TokenAsync(bool withProfile = true)
    {
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1, sharedScopes: withProfile ? ["profile"] : []);
        return (scenario, (await TokenEndpoint.ObtainTokensAsync(scenario))["access_token"]!);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());

    [Theory]
    [MemberData(nameof(ApiCalls.ProtectedPaths), MemberType = typeof(ApiCalls))]
    public async Task Get_ValidTokenWithTheScopeAndMore_Is200(string path)
    {
        // djoauth2: TestOAuthScopeEndpointDecorator.test_scope_superset_of_endpoint_scope_succeeds (the token has one more scope), TestOAuthScopeEndpointDecorator.test_ssl_only_ssl_request_succeeds
        var (scenario, token) = await TokenAsync();

        var response = await ApiCalls.GetAsync(factory.CreateClient(), path, token);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal(scenario.ClientId, (await JsonAsync(response)).GetProperty("client_id").GetString());
    }

    [Theory]
    [MemberData(nameof(ApiCalls.ProtectedPaths), MemberType = typeof(ApiCalls))]
    public async Task Get_NoCredentials_Is401WithABareChallenge(string path)
    {
        // djoauth2: TestOAuthScopeEndpointDecorator.test_missing_authentication_header_fails_without_error_information (djoauth2 expected 400; RFC 6750 §3 wins)
        var response = await ApiCalls.GetAsync(factory.CreateClient(), path, null);

        Html.AssertStatus(HttpStatusCode.Unauthorized, response);
        Assert.Equal(ApiCalls.BareChallenge(), ApiCalls.Challenge(response));
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(ApiCalls.ProtectedPaths), MemberType = typeof(ApiCalls))]
    public async Task Get_TokenLackingTheScope_Is403InsufficientScopeNamingIt(string path)
    {
        // djoauth2: TestOAuthScopeEndpointDecorator.test_scope_subset_of_endpoint_scope_fails
        var (_, token) = await TokenAsync(withProfile: false);

        var response = await ApiCalls.GetAsync(factory.CreateClient(), path, token);

        Html.AssertStatus(HttpStatusCode.Forbidden, response);
        var challenge = ApiCalls.Challenge(response);
        Assert.StartsWith(ApiCalls.BareChallenge() + ", error=\"insufficient_scope\"", challenge);
        Assert.EndsWith("scope=\"profile\"", challenge);
        var body = await JsonAsync(response);
        Assert.Equal("insufficient_scope", body.GetProperty("error").GetString());
        Assert.Equal("profile", body.GetProperty("scope").GetString());
    }

    [Theory]
    [MemberData(nameof(ApiCalls.ProtectedPaths), MemberType = typeof(ApiCalls))]
    public async Task Get_UnknownToken_Is401InvalidTokenInHeaderAndBody(string path)
    {
        // djoauth2: TestOAuthScopeEndpointDecorator.test_nonexistent_access_token_fails
        var response = await ApiCalls.GetAsync(factory.CreateClient(), path, "no-such-token");

        Html.AssertStatus(HttpStatusCode.Unauthorized, response);
        Assert.StartsWith(ApiCalls.BareChallenge() + ", error=\"invalid_token\", error_description=", ApiCalls.Challenge(response));
        Assert.Equal("invalid_token", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Theory]
    [MemberData(nameof(ApiCalls.ProtectedPaths), MemberType = typeof(ApiCalls))]
    public async Task Get_ExpiredToken_Is401InvalidToken(string path)
    {
        // djoauth2: TestOAuthScopeEndpointDecorator.test_expired_access_token_fails
        using var own = new PortalFactory();
        var scenario = await OAuthScenario.CreateAsync(own, scopeCount: 1, sharedScopes: ["profile"]);
        var token = (await TokenEndpoint.ObtainTokensAsync(scenario))["access_token"]!;
        own.Clock.Advance(TimeSpan.FromHours(1));

        var response = await ApiCalls.GetAsync(own.CreateClient(), path, token);

        Html.AssertStatus(HttpStatusCode.Unauthorized, response);
        Assert.Contains("expired", (await JsonAsync(response)).GetProperty("error_description").GetString());
    }

    public static TheoryData<string, string, string> OtherSchemes => Cross(["Basic|dXNlcjpwYXNz", "Token|abc"]);

    public static TheoryData<string, string> MalformedHeaders => CrossHeaders(["Bearer", "Bearer ", "Bearer a b", "Bearer !!!", "Bearer =abc"]);

    private static TheoryData<string, string, string> Cross(string[] schemes)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var path in ApiCalls.Paths)
        {
            foreach (var pair in schemes)
            {
                data.Add(path, pair.Split('|')[0], pair.Split('|')[1]);
            }
        }

        return data;
    }

    private static TheoryData<string, string> CrossHeaders(string[] headers)
    {
        var data = new TheoryData<string, string>();
        foreach (var path in ApiCalls.Paths)
        {
            foreach (var header in headers)
            {
                data.Add(path, header);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OtherSchemes))]
    public async Task Get_OtherScheme_Is400InvalidRequest(string path, string scheme, string value)
    {
        // djoauth2: TestOAuthScopeEndpointDecorator.test_non_bearer_authentication_header_fails_without_error_information
        // (djoauth2 expected no error code; the issue asks for invalid_request)
        var response = await ApiCalls.GetAsync(factory.CreateClient(), path, value, scheme);

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Contains("error=\"invalid_request\"", ApiCalls.Challenge(response));
    }

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public async Task Get_MalformedBearerHeader_Is400InvalidRequest(string path, string header)
    {
        // djoauth2: TestOAuthScopeEndpointDecorator.test_malformed_authentication_header_fails
        // (djoauth2 expected no error code; the issue asks for invalid_request)
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var response = await factory.CreateClient().SendAsync(request);

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Contains("error=\"invalid_request\"", ApiCalls.Challenge(response));
    }

    [Fact]
    public async Task Get_SchemeInOtherCase_IsAccepted()
    {
        // RFC 7235 §2.1: the scheme is case-insensitive.
        var (_, token) = await TokenAsync();

        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", token, "bEaReR"));
    }

    [Fact]
    public async Task Get_TwoAuthorizationHeaders_Is400InvalidRequest()
    {
        var (_, token) = await TokenAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.TryAddWithoutValidation("Authorization", [$"Bearer {token}", $"Bearer {token}"]);

        Html.AssertStatus(HttpStatusCode.BadRequest, await factory.CreateClient().SendAsync(request));
    }

    [Fact]
    public async Task Get_TokenInTheQueryString_IsIgnored()
    {
        // RFC 9700 §4.3.2: never from the URL.
        var (_, token) = await TokenAsync();

        var response = await factory.CreateClient().GetAsync($"/api/me?access_token={token}");

        Html.AssertStatus(HttpStatusCode.Unauthorized, response);
        Assert.Equal(ApiCalls.BareChallenge(), ApiCalls.Challenge(response));
    }

    [Theory]
    [MemberData(nameof(ApiCalls.ProtectedPaths), MemberType = typeof(ApiCalls))]
    public async Task Get_RevokedToken_Is401InvalidToken(string path)
    {
        var (scenario, token) = await TokenAsync();
        await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/revoke", new Dictionary<string, string> { ["token"] = token },
            TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!));

        var response = await ApiCalls.GetAsync(factory.CreateClient(), path, token);

        Html.AssertStatus(HttpStatusCode.Unauthorized, response);
        Assert.Contains("revoked", (await JsonAsync(response)).GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Get_TokenOfAFamilyRevokedByCodeReuse_Is401()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1, sharedScopes: ["profile"]);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);
        var token = (await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code)))["access_token"]!;
        await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));

        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", token));
    }

    [Theory]
    [MemberData(nameof(ApiCalls.ProtectedPaths), MemberType = typeof(ApiCalls))]
    public async Task Get_HttpWhenHttpsRequired_Is400WithoutDetails(string path)
    {
        // djoauth2: TestOAuthScopeEndpointDecorator.test_ssl_only_insecure_request_fails
        var (_, token) = await TokenAsync();
        var http = new HttpClient(factory.Server.CreateHandler()) { BaseAddress = new Uri("http://localhost") };

        var response = await ApiCalls.GetAsync(http, path, token);

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Equal(ApiCalls.BareChallenge("http://localhost"), ApiCalls.Challenge(response));
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_HttpWhenHttpsNotRequired_Is200()
    {
        // djoauth2: TestOAuthScopeEndpointDecorator.test_no_ssl_required_insecure_request_succeeds
        using var relaxed = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequireHttps"] = "false" });
        var scenario = await OAuthScenario.CreateAsync(relaxed, scopeCount: 1, sharedScopes: ["profile"]);
        var token = (await TokenEndpoint.ObtainTokensAsync(scenario))["access_token"]!;
        var http = new HttpClient(relaxed.Server.CreateHandler()) { BaseAddress = new Uri("http://localhost") };

        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(http, "/api/me", token));
    }

    [Fact]
    public async Task Get_HttpsWhenHttpsNotRequired_Is200()
    {
        // djoauth2: TestOAuthScopeEndpointDecorator.test_no_ssl_required_ssl_request_succeeds
        using var relaxed = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequireHttps"] = "false" });
        var scenario = await OAuthScenario.CreateAsync(relaxed, scopeCount: 1, sharedScopes: ["profile"]);
        var token = (await TokenEndpoint.ObtainTokensAsync(scenario))["access_token"]!;

        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(relaxed.CreateClient(), "/api/me", token));
    }

    [Theory]
    [MemberData(nameof(ApiCalls.ProtectedPaths), MemberType = typeof(ApiCalls))]
    public async Task Get_TokenWithExactlyTheRequiredScope_Is200(string path)
    {
        // djoauth2: TestOAuthScopeEndpointDecorator.test_scope_equivalent_to_endpoint_scope_succeeds
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 0, sharedScopes: ["profile"]);
        var token = (await TokenEndpoint.ObtainTokensAsync(scenario))["access_token"]!;

        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(factory.CreateClient(), path, token));
    }

    [Fact]
    public async Task Get_AccessTokenOfAFamilyRevokedByRefreshReplay_Is401()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1, sharedScopes: ["profile"]);
        var first = await TokenEndpoint.ObtainTokensAsync(scenario);
        var refreshed = await TokenEndpoint.TokenAsync(factory.CreateClient(), Token.AuthorizationCodeGrantTests.RefreshForm(scenario, first["refresh_token"]!));
        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", refreshed["access_token"]));

        await TokenEndpoint.TokenAsync(factory.CreateClient(), Token.AuthorizationCodeGrantTests.RefreshForm(scenario, first["refresh_token"]!));

        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", refreshed["access_token"]));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task PageWithHandlerDeclaration_OtherMethodWithoutToken_IsStillRefused(string method)
    {
        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/samples/page"));

        Html.AssertStatus(HttpStatusCode.Unauthorized, response);
        Assert.Equal(ApiCalls.BareChallenge(), ApiCalls.Challenge(response));
    }
}
