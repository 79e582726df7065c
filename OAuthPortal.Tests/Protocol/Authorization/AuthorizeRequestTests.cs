using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Authorization;

/// <summary>How the authorization endpoint takes requests: methods, sign-in, TLS, the client (djoauth2/tests/test_authorization.py).</summary>
public sealed class AuthorizeRequestTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Get_ValidRequest_ShowsConsentPage()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_get_requests_succeed, TestAuthorizationCodeEndpoint.test_state_required_and_state_included_succeeds
        var scenario = await OAuthScenario.CreateAsync(factory);

        var (response, page) = await Html.GetPageAsync(scenario.Browser, scenario.AuthorizeUrl());

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull(page.QuerySelector("form[data-test=consent-form]"));
    }

    [Fact]
    public async Task Post_ValidRequestInBodyWithoutAntiforgeryToken_ShowsConsentPage()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_post_requests_succeed (a POST authorization request comes from the client's site)
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.PostAsync("/oauth2/authorize", new FormUrlEncodedContent(scenario.Parameters()));

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull((await Html.ParseAsync(response)).QuerySelector("form[data-test=consent-form]"));
    }

    [Theory]
    [InlineData("HEAD")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    [InlineData("PATCH")]
    public async Task Request_OtherMethod_Is405(string method)
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_head_put_delete_options_requests_fail (djoauth2 expected InvalidRequest; RFC 9110 §15.5.6 405 wins)
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.SendAsync(new HttpRequestMessage(new HttpMethod(method), scenario.AuthorizeUrl()));

        Html.AssertStatus(HttpStatusCode.MethodNotAllowed, response);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Get_Anonymous_RedirectsToLoginThatReturnsToTheIdenticalRequest()
    {
        // djoauth2: TestMakeAuthorizationEndpointHelper.test_unauthenticated_user_redirected_to_login, TestAuthorizationCodeEndpoint.test_user_not_authenticated_fails
        var scenario = await OAuthScenario.CreateAsync(factory);
        var url = scenario.AuthorizeUrl();

        var response = await factory.CreateClient().GetAsync(url);

        var query = OAuthAssert.RedirectsTo(response, "https://localhost/Identity/Account/Login");
        Assert.Equal(url, query["ReturnUrl"]);
    }

    [Fact]
    public async Task Post_Anonymous_RepeatsAsGetThenLoginReturnsToTheConsentPage()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var anonymous = factory.CreateClient();

        var post = await anonymous.PostAsync("/oauth2/authorize", new FormUrlEncodedContent(scenario.Parameters()));
        OAuthAssert.RedirectsTo(post, "/oauth2/authorize?", HttpStatusCode.SeeOther);
        var get = await anonymous.GetAsync(post.Headers.Location!.OriginalString);
        var returnUrl = OAuthAssert.RedirectsTo(get, "https://localhost/Identity/Account/Login")["ReturnUrl"];
        var afterLogin = await SignIn.PostLoginAsync(anonymous, scenario.User.Email!, TestUsers.Password, returnUrl);
        var (page, document) = await Html.GetPageAsync(anonymous, afterLogin.Headers.Location!.OriginalString);

        Assert.Equal(post.Headers.Location!.OriginalString, returnUrl);
        Html.AssertStatus(HttpStatusCode.OK, page);
        Assert.NotNull(document.QuerySelector("form[data-test=consent-form]"));
    }

    [Fact]
    public async Task Get_HttpWhenHttpsRequired_ShowsErrorPage()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_ssl_required_insecure_request_fails
        var scenario = await OAuthScenario.CreateAsync(factory);
        var http = await SignIn.HttpClientForAsync(factory, scenario.User.Email!);

        var response = await http.GetAsync(scenario.AuthorizeUrl());

        await OAuthAssert.ErrorPage(response, "insecure_request");
    }

    [Fact]
    public async Task Get_HttpWhenHttpsRequiredAndSignedOut_ShowsErrorPageInsteadOfTheLogin()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var http = new HttpClient(factory.Server.CreateHandler()) { BaseAddress = new Uri("http://localhost") };

        var response = await http.GetAsync(scenario.AuthorizeUrl());

        await OAuthAssert.ErrorPage(response, "insecure_request"); // never a login page asking for a password over http
    }

    [Fact]
    public async Task Get_HttpWhenHttpsNotRequired_ShowsConsentPage()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_no_ssl_required_insecure_request_succeeds
        using var relaxed = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequireHttps"] = "false" });
        relaxed.ClientOptions.BaseAddress = new Uri("http://localhost");
        var scenario = await OAuthScenario.CreateAsync(relaxed);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());

        Html.AssertStatus(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task Get_HttpsWhenHttpsRequired_ShowsConsentPage()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_ssl_required_secure_request_succeeds, TestAuthorizationCodeEndpoint.test_ssl_required_secure_redirect_uri_succeeds
        // (the factory's base address is https://localhost)
        var scenario = await OAuthScenario.CreateAsync(factory);

        Html.AssertStatus(HttpStatusCode.OK, await scenario.Browser.GetAsync(scenario.AuthorizeUrl()));
    }

    [Theory]
    [InlineData(null, "missing_client_id")]
    [InlineData("", "missing_client_id")]
    [InlineData("no-such-client", "unknown_client")]
    public async Task Get_MissingOrUnknownClientId_ShowsErrorPage(string? clientId, string reason)
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_no_client_id_included_fails, TestAuthorizationCodeEndpoint.test_nonexistent_client_id_fails
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("client_id", clientId)));

        await OAuthAssert.ErrorPage(response, reason);
    }

    [Fact]
    public async Task Get_ClientIdInOtherCase_ShowsErrorPage()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("client_id", scenario.ClientId.ToUpperInvariant())));

        await OAuthAssert.ErrorPage(response, "unknown_client");
    }

    [Fact]
    public async Task Get_DisabledClient_ShowsErrorPage()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        await TestClients.SetEnabledAsync(factory, scenario.ClientId, false);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());

        await OAuthAssert.ErrorPage(response, "disabled_client");
    }

    [Fact]
    public async Task Get_RepeatedClientId_ShowsErrorPage()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl() + "&client_id=" + scenario.ClientId);

        await OAuthAssert.ErrorPage(response, "repeated_parameter");
    }

    [Fact]
    public async Task Get_HandlerParameterInRequest_IsIgnoredLikeAnyUnknownParameter()
    {
        // RFC 6749 §3.1: unrecognised parameters are ignored; a GET can never reach the Accept handler.
        var scenario = await OAuthScenario.CreateAsync(factory);

        var (response, page) = await Html.GetPageAsync(scenario.Browser, scenario.AuthorizeUrl(("handler", "Accept")));

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull(page.QuerySelector("form[data-test=consent-form]"));
        Assert.Null(page.QuerySelector("form[data-test=consent-form] input[name=handler]"));
    }
}
