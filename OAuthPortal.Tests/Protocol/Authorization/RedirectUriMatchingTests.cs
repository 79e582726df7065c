using System.Net;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Authorization;

/// <summary>
/// Redirect URI resolution (RFC 6749 §3.1.2.3, RFC 9700 §§2.1, 4.1.3): exact string match against the registered
/// URIs, and an error page, never a redirect, when it fails (djoauth2/tests/test_authorization.py, redirect_uri cases).
/// </summary>
public sealed class RedirectUriMatchingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Registered = "https://client.example.test/callback";

    [Fact]
    public async Task Get_MatchingRedirectUri_ShowsConsentPage()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_included_redirect_matches_registered_succeeds
        var scenario = await OAuthScenario.CreateAsync(factory);

        Html.AssertStatus(HttpStatusCode.OK, await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("redirect_uri", Registered))));
    }

    [Theory]
    [InlineData("https://client.example.test/callback/")]                  // trailing slash matters
    [InlineData("https://client.example.test/Callback")]                   // case-sensitive path
    [InlineData("https://CLIENT.example.test/callback")]                   // no normalisation, not even of the host
    [InlineData("https://client.example.test/callback?extra=1")]           // DOT 3.4.1: added query parameters
    [InlineData("https://client.example.test/callback;jsessionid=1")]      // DOT 3.4.1: ;params
    [InlineData("https://client.example.test/callback#")]                  // DOT 3.4.1: a bare trailing '#'
    [InlineData("https://client.example.test/callback#fragment")]          // fragment
    [InlineData("https://attacker@client.example.test/callback")]          // DOT 3.4.1: user@host
    [InlineData("https://client.example.test@attacker.example/callback")]  // userinfo trick to another host
    [InlineData("https://client.example.test.attacker.example/callback")]
    [InlineData("https://attacker.example/callback")]
    [InlineData("/callback")]                                               // relative
    [InlineData("http://client.example.test/callback")]                    // downgraded scheme
    public async Task Get_RedirectUriNotExactlyRegistered_ShowsErrorPageNeverRedirects(string redirectUri)
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_included_redirect_does_not_match_registered_fails
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("redirect_uri", redirectUri)));

        await OAuthAssert.ErrorPage(response, "redirect_uri_not_registered");
    }

    [Theory]
    [InlineData("/relative/url/")]             // djoauth2: TestAuthorizationCodeEndpoint.test_non_absolute_redirect_uri_fails
    [InlineData("https://x.example/#frag")]    // djoauth2: TestAuthorizationCodeEndpoint.test_redirect_uri_with_fragment_fails
    [InlineData("invalid")]                    // djoauth2: TestMakeAuthorizationEndpointHelper.test_invalid_redirect_uri_request_redirects_to_missing_redirect_uri
    public async Task Get_RegisteredRedirectUriIsInvalid_ShowsErrorPageNeverRedirects(string registered)
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_error_response_does_not_redirect_to_non_absolute_uri,
        // TestAuthorizationCodeEndpoint.test_error_response_does_not_redirect_to_uri_with_fragment
        var scenario = await OAuthScenario.CreateAsync(factory);
        await TestClients.ReplaceRedirectUrisRawAsync(factory, scenario.ClientId, registered);

        var responses = new[]
        {
            await scenario.Browser.GetAsync(scenario.AuthorizeUrl()),
            await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("response_type", "token"))),
        };

        foreach (var response in responses)
        {
            await OAuthAssert.ErrorPage(response, "redirect_uri_not_allowed");
        }
    }

    [Fact]
    public async Task Get_UnknownClientWithRedirectUri_ShowsErrorPageNeverRedirects()
    {
        // RFC 9700 §4.11: an unknown client's redirect_uri is never used (no open redirector).
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("client_id", "unknown"), ("redirect_uri", "https://attacker.example/")));

        await OAuthAssert.ErrorPage(response, "unknown_client");
    }

    [Fact]
    public async Task Get_SeveralRegisteredAndNoneSent_ShowsErrorPage()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, redirectUris: [Registered, "https://client.example.test/other"]);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());

        await OAuthAssert.ErrorPage(response, "redirect_uri_required");
    }

    [Fact]
    public async Task Get_SeveralRegisteredAndOneSent_UsesThatOne()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, redirectUris: [Registered, "https://client.example.test/other"]);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("redirect_uri", "https://client.example.test/other"), ("response_type", "token")));

        OAuthAssert.ErrorRedirect(response, "https://client.example.test/other?", "unsupported_response_type");
    }

    [Fact]
    public async Task Get_RegisteredHttpUriWhenHttpsRequired_ShowsErrorPage()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_ssl_required_insecure_redirect_uri_fails,
        // TestAuthorizationCodeEndpoint.test_error_response_does_not_redirect_to_insecure_redirect_uri_when_ssl_required (registered when the rules were looser)
        var scenario = await OAuthScenario.CreateAsync(factory);
        await TestClients.AddRawRedirectUriAsync(factory, scenario.ClientId, "http://client.example.test/insecure");

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("redirect_uri", "http://client.example.test/insecure")));

        await OAuthAssert.ErrorPage(response, "redirect_uri_not_allowed");
    }

    [Fact]
    public async Task Authorize_RegisteredHttpUriWhenHttpsNotRequired_RedirectsSuccessAndErrorsThere()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_no_ssl_required_insecure_redirect_uri_succeeds, TestAuthorizationCodeEndpoint.test_success_response_redirects_to_insecure_uri_when_no_ssl_required,
        // TestAuthorizationCodeEndpoint.test_error_response_does_redirect_to_insecure_redirect_uri_when_no_ssl_required
        using var relaxed = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequireHttps"] = "false" });
        var scenario = await OAuthScenario.CreateAsync(relaxed, redirectUris: ["http://client.example.test/callback"]);

        var success = await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl());
        var error = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("response_type", "token")));

        Assert.Contains("code", OAuthAssert.RedirectsTo(success, "http://client.example.test/callback?", HttpStatusCode.SeeOther).Keys);
        OAuthAssert.ErrorRedirect(error, "http://client.example.test/callback?", "unsupported_response_type");
    }

    [Fact]
    public async Task Accept_HttpsUriWhenHttpsNotRequired_RedirectsThere()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_success_response_redirects_to_secure_uri_when_no_ssl_required
        using var relaxed = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequireHttps"] = "false" });
        var scenario = await OAuthScenario.CreateAsync(relaxed);

        var response = await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl());

        Assert.Contains("code", OAuthAssert.RedirectsTo(response, Registered + "?", HttpStatusCode.SeeOther).Keys);
    }

    [Fact]
    public async Task Get_HttpsRequestWhenHttpsNotRequired_ShowsConsentPage()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_no_ssl_required_secure_request_succeeds, TestAuthorizationCodeEndpoint.test_no_ssl_required_secure_redirect_uri_succeeds
        using var relaxed = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequireHttps"] = "false" });
        var scenario = await OAuthScenario.CreateAsync(relaxed);

        Html.AssertStatus(HttpStatusCode.OK, await scenario.Browser.GetAsync(scenario.AuthorizeUrl()));
    }

    [Theory]
    [InlineData("http://127.0.0.1:49152/callback")]
    [InlineData("http://[::1]:49152/callback")]
    [InlineData("http://localhost:49152/callback")]
    public async Task Get_LoopbackHttpUriOfPublicClient_ShowsConsentPage(string redirectUri)
    {
        // RFC 8252 §7.3: native apps receive the code on a loopback port.
        var scenario = await OAuthScenario.CreateAsync(factory, ClientType.Public, redirectUris: [redirectUri]);

        Html.AssertStatus(HttpStatusCode.OK, await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("redirect_uri", redirectUri))));
    }

    [Theory]
    [InlineData("http://127.0.0.1/callback", "http://127.0.0.1:51234/callback")]
    [InlineData("http://127.0.0.1:8080/callback", "http://127.0.0.1:51234/callback")]
    [InlineData("http://[::1]:8080/callback", "http://[::1]:61000/callback")]
    public async Task Get_PublicClientLoopbackUriWithAnotherPort_IsAccepted(string registered, string sent)
    {
        // RFC 8252 §7.3: native apps pick an ephemeral port at request time.
        var scenario = await OAuthScenario.CreateAsync(factory, ClientType.Public, redirectUris: [registered]);

        var response = await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl(("redirect_uri", sent)));

        OAuthAssert.RedirectsTo(response, sent + "?code=", HttpStatusCode.SeeOther);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/callback", "http://127.0.0.1:51234/other")]
    [InlineData("http://127.0.0.1:8080/callback", "http://127.0.0.2:8080/callback")]
    [InlineData("http://127.0.0.1:8080/callback", "https://127.0.0.1:8080/callback")]
    public async Task Get_PublicClientLoopbackUriDifferingBeyondThePort_IsRefused(string registered, string sent)
    {
        var scenario = await OAuthScenario.CreateAsync(factory, ClientType.Public, redirectUris: [registered]);

        await OAuthAssert.ErrorPage(await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("redirect_uri", sent))), "redirect_uri_not_registered");
    }

    [Fact]
    public async Task Get_ConfidentialClientLoopbackUriWithAnotherPort_IsRefused()
    {
        using var relaxed = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequireHttps"] = "false" });
        var scenario = await OAuthScenario.CreateAsync(relaxed, redirectUris: ["http://127.0.0.1:8080/callback"]);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("redirect_uri", "http://127.0.0.1:9090/callback")));

        await OAuthAssert.ErrorPage(response, "redirect_uri_not_registered");
    }
}
