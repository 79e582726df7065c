using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Authorization;

/// <summary>
/// Errors found after the redirect URI is trusted go back to the client with error, error_description, state and
/// iss (RFC 6749 §4.1.2.1, RFC 9207), in djoauth2's order (djoauth2/tests/test_authorization.py).
/// </summary>
public sealed class AuthorizeParameterTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Callback = "https://client.example.test/callback?";

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public async Task Get_ResponseTypeMissing_RedirectsInvalidRequestWithState(string? responseType)
    {
        // RFC 6749 §4.1.2.1: a missing required parameter is invalid_request (djoauth2 said unsupported_response_type).
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("response_type", responseType)));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_request");
    }

    [Fact]
    public async Task Get_ResponseTypeMissingAndRedirectUriUnregistered_ShowsErrorPageWithoutRedirect()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("response_type", null), ("redirect_uri", "https://attacker.example.test/cb")));

        await OAuthAssert.ErrorPage(response, "redirect_uri_not_registered");
    }

    [Theory]
    [InlineData("token")]
    [InlineData("code token")]
    [InlineData("CODE")]
    public async Task Get_ResponseTypeNotCode_RedirectsUnsupportedResponseTypeWithState(string? responseType)
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_response_type_not_code_fails,
        // TestMakeAuthorizationEndpointHelper.test_non_code_request_fails_with_relevant_error_information (djoauth2 dropped state here; we echo it)
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("response_type", responseType)));

        OAuthAssert.ErrorRedirect(response, Callback, "unsupported_response_type");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Get_StateMissingWhenRequired_RedirectsInvalidRequest(string? state)
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_state_required_and_no_state_included_fails,
        // TestMakeAuthorizationEndpointHelper.test_state_required_request_without_code_fails_with_relevant_error_information
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("state", state)));

        var query = OAuthAssert.ErrorRedirect(response, Callback, "invalid_request", state: null);
        Assert.Equal("'state' must be included.", query["error_description"]);
    }

    [Fact]
    public async Task Accept_StateIncludedWhenOptional_EchoesIt()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_state_not_requred_and_state_included_succeeds (sic)
        using var relaxed = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequireState"] = "false" });
        var scenario = await OAuthScenario.CreateAsync(relaxed);

        var response = await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl());

        Assert.Equal(OAuthScenario.State, OAuthAssert.RedirectsTo(response, Callback, HttpStatusCode.SeeOther)["state"]);
    }

    [Fact]
    public async Task Get_StateMissingWhenOptional_ShowsConsentPage()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_state_not_requred_and_no_state_included_succeeds (sic)
        using var relaxed = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequireState"] = "false" });
        var scenario = await OAuthScenario.CreateAsync(relaxed);

        Html.AssertStatus(HttpStatusCode.OK, await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("state", null))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Get_NoScope_RedirectsInvalidScope(string? scope)
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_no_scope_included_fails, TestMakeAuthorizationEndpointHelper.test_request_without_scope_param_fails_with_relevant_error_information,
        // TestMakeAuthorizationEndpointHelper.test_request_with_empty_scope_param_fails_with_relevant_error_information
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("scope", scope)));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_scope");
    }

    [Fact]
    public async Task Get_UnknownScopes_RedirectsInvalidScopeListingEach()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_nonexistent_scope_included_fails,
        // TestMakeAuthorizationEndpointHelper.test_request_with_invalid_scope_param_fails_with_relevant_error_information
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("scope", $"{scenario.Scopes[0]} no-such-scope other-unknown")));

        var description = OAuthAssert.ErrorRedirect(response, Callback, "invalid_scope")["error_description"];
        Assert.Contains("'no-such-scope'", description);
        Assert.Contains("'other-unknown'", description);
        Assert.DoesNotContain(scenario.Scopes[0], description);
    }

    [Fact]
    public async Task Get_UnknownScopeWithQuotesAndNonAscii_DescriptionStaysInTheRfcCharset()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("scope", "bad\"scope\\é")));

        var description = OAuthAssert.ErrorRedirect(response, Callback, "invalid_scope")["error_description"];
        Assert.All(description, c => Assert.True(c is >= '\x20' and <= '\x7E' and not '"' and not '\\', $"'{c}' is outside RFC 6749 §4.1.2.1"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Get_KnownScopes_ShowsEachOnTheConsentPage(int count)
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_single_scope_included_succeeds, TestAuthorizationCodeEndpoint.test_multiple_scopes_included_succeeds
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: count);

        var (response, page) = await Html.GetPageAsync(scenario.Browser, scenario.AuthorizeUrl(("scope", string.Join(' ', scenario.Scopes) + " " + scenario.Scopes[0])));

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal(scenario.Scopes, page.QuerySelectorAll("[data-test=scope]").Select(e => e.GetAttribute("data-scope")));
    }

    [Fact]
    public async Task Get_RepeatedParameter_RedirectsInvalidRequest()
    {
        // RFC 6749 §3.1: request parameters must not be included more than once.
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl() + "&scope=" + scenario.Scopes[0]);

        var description = OAuthAssert.ErrorRedirect(response, Callback, "invalid_request")["error_description"];
        Assert.Contains("scope", description);
    }

    [Fact]
    public async Task Get_RepeatedState_RedirectsInvalidRequestWithoutState()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl() + "&state=second");

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_request", state: null);
    }

    [Fact]
    public async Task Post_ParameterInQueryAndBody_RedirectsInvalidRequest()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.PostAsync($"/oauth2/authorize?scope={scenario.Scopes[0]}", new FormUrlEncodedContent(scenario.Parameters()));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_request", status: HttpStatusCode.SeeOther);
    }

    [Fact]
    public async Task Get_SeveralFaults_ReportsTheFirstInDjoauth2Order()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("response_type", "token"), ("state", null), ("scope", "unknown")));

        OAuthAssert.ErrorRedirect(response, Callback, "unsupported_response_type", state: null);
    }

    [Fact]
    public async Task Get_RegisteredUriWithQueryIncludingNonAscii_KeepsItAndAppendsOurs()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_redirect_uri_query_parameters_preserved_on_error (plus non-ASCII values, UTF-8 encoded)
        var registered = "https://client.example.test/cb?tenant=acme&name=Zoë";
        var scenario = await OAuthScenario.CreateAsync(factory, redirectUris: [registered]);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("response_type", "token")));

        var query = OAuthAssert.ErrorRedirect(response, "https://client.example.test/cb?tenant=acme&name=Zo%C3%AB&error=", "unsupported_response_type");
        Assert.Equal("acme", query["tenant"]);
        Assert.Equal("Zoë", query["name"]);
    }

    [Fact]
    public async Task Get_MoreThanAHundredScopes_RedirectsInvalidScopeWithoutQueryingThemAll()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var scopes = string.Join(' ', Enumerable.Range(0, 101).Select(i => $"s{i}"));

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("scope", scopes)));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_scope");
    }

    [Fact]
    public async Task Post_ThousandsOfScopeNames_IsRefusedNotAServerError()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var scopes = string.Join(' ', Enumerable.Range(0, 300_000).Select(i => $"s{i % 1000}"));

        var response = await scenario.Browser.PostAsync("/oauth2/authorize", new FormUrlEncodedContent(scenario.Parameters(("scope", scopes))));

        await OAuthAssert.ErrorPage(response, "oversized_parameter");
    }

    [Fact]
    public async Task Get_HugeState_IsRefusedWithoutEchoingIt()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.PostAsync("/oauth2/authorize", new FormUrlEncodedContent(scenario.Parameters(("state", new string('s', 10_000)))));

        await OAuthAssert.ErrorPage(response, "oversized_parameter");
    }
}
