using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Oidc;

/// <summary>
/// The OpenID Connect parameters of the authorization endpoint (Core §3.1.2.1): prompt, max_age, login_hint,
/// id_token_hint, claims, request objects, and scope values the portal does not know.
/// </summary>
public sealed class AuthenticationRequestTests : IClassFixture<PortalFactory>
{
    private const string Callback = "https://client.example.test/callback";
    private readonly PortalFactory _factory;

    public AuthenticationRequestTests(PortalFactory factory) => _factory = factory;

    private Task<OAuthScenario> ScenarioAsync() => OAuthScenario.CreateAsync(_factory, scopeCount: 0, sharedScopes: ["openid", "profile"]);

    [Fact]
    public async Task PromptNone_NotSignedIn_RedirectsLoginRequiredWithoutAPage()
    {
        var scenario = await ScenarioAsync();

        var response = await _factory.CreateClient().GetAsync(scenario.AuthorizeUrl(("prompt", "none")));

        OAuthAssert.ErrorRedirect(response, Callback, "login_required");
    }

    [Fact]
    public async Task PromptNone_NoRememberedConsent_RedirectsConsentRequired()
    {
        var scenario = await ScenarioAsync();

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("prompt", "none")));

        OAuthAssert.ErrorRedirect(response, Callback, "consent_required");
    }

    [Fact]
    public async Task PromptNone_ConsentRemembered_RedirectsWithACode()
    {
        var scenario = await ScenarioAsync();
        await TokenEndpoint.AuthorizeAsync(scenario);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("prompt", "none")));

        Assert.True(OAuthAssert.RedirectsTo(response, Callback).ContainsKey("code"));
    }

    [Fact]
    public async Task PromptNone_WithAnotherValue_RedirectsInvalidRequest()
    {
        var scenario = await ScenarioAsync();

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("prompt", "none login")));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_request");
    }

    [Theory]
    [InlineData("login")]
    [InlineData("select_account")]
    [InlineData("login consent")]
    public async Task PromptLogin_SignedIn_SendsToTheLoginPageAndBackWithoutLogin(string prompt)
    {
        var scenario = await ScenarioAsync();

        var returnUrl = OAuthAssert.LoginReturnUrl(await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("prompt", prompt))));

        var back = QueryHelpers.ParseQuery(new Uri(new Uri("https://localhost"), returnUrl).Query);
        Assert.StartsWith("/oauth2/authorize?", returnUrl);
        Assert.Equal(prompt.Contains("consent") ? "consent" : null, back.TryGetValue("prompt", out var rest) ? rest.ToString() : null);
        Assert.Equal(scenario.ClientId, back["client_id"].ToString());
    }

    [Fact]
    public async Task PromptLogin_AfterSigningInAgain_ShowsTheConsentPageWithAFreshAuthTime()
    {
        var scenario = await ScenarioAsync();
        var returnUrl = OAuthAssert.LoginReturnUrl(await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("prompt", "login consent"))));
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var signedInAgainAt = _factory.Clock.GetUtcNow().ToUnixTimeSeconds();

        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(scenario.Browser, scenario.User.Email!, TestUsers.Password, returnUrl));
        var accepted = await Consent.AcceptAsync(scenario.Browser, returnUrl);

        var code = OAuthAssert.RedirectsTo(accepted, Callback, HttpStatusCode.SeeOther)["code"];
        var reply = await TokenEndpoint.TokenAsync(_factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));
        var payload = IdTokens.Payload(await IdTokens.ValidateAsync(_factory, reply["id_token"], scenario.ClientId));
        Assert.Equal(signedInAgainAt, payload.GetProperty("auth_time").GetInt64());
    }

    [Fact]
    public async Task MaxAge_SignInOlderThanIt_SendsToTheLoginPage()
    {
        var scenario = await ScenarioAsync();
        _factory.Clock.Advance(TimeSpan.FromSeconds(61));

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("max_age", "60")));

        OAuthAssert.LoginReturnUrl(response);
    }

    [Fact]
    public async Task MaxAgeZero_AfterSigningInAgain_ShowsTheConsentPageInsteadOfAskingAgain()
    {
        var scenario = await ScenarioAsync();
        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var returnUrl = OAuthAssert.LoginReturnUrl(await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("max_age", "0"))));
        Assert.DoesNotContain("max_age", returnUrl);

        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(scenario.Browser, scenario.User.Email!, TestUsers.Password, returnUrl));
        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var (response, page) = await Html.GetPageAsync(scenario.Browser, returnUrl);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull(page.QuerySelector("form[data-test=consent-form]"));
    }

    [Fact]
    public async Task MaxAge_SignInRecentEnough_ShowsTheConsentPage()
    {
        var scenario = await ScenarioAsync();

        var (response, page) = await Html.GetPageAsync(scenario.Browser, scenario.AuthorizeUrl(("max_age", "3600")));

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull(page.QuerySelector("form[data-test=consent-form]"));
    }

    [Fact]
    public async Task MaxAge_StaleWithPromptNone_RedirectsLoginRequired()
    {
        var scenario = await ScenarioAsync();
        _factory.Clock.Advance(TimeSpan.FromSeconds(30));

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("max_age", "10"), ("prompt", "none")));

        OAuthAssert.ErrorRedirect(response, Callback, "login_required");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("99999999999999999999999")]
    public async Task MaxAge_NotANumberOfSeconds_RedirectsInvalidRequest(string maxAge)
    {
        var scenario = await ScenarioAsync();

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("max_age", maxAge)));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_request");
    }

    [Fact]
    public async Task LoginHint_NotSignedIn_PrefillsTheLoginPage()
    {
        var scenario = await ScenarioAsync();
        var anonymous = _factory.CreateClient();
        var returnUrl = OAuthAssert.LoginReturnUrl(await anonymous.GetAsync(scenario.AuthorizeUrl(("login_hint", "hinted@example.test"))));

        var (_, page) = await Html.GetPageAsync(anonymous, "/Identity/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal("hinted@example.test", page.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("request", "eyJhbGciOiJub25lIn0.e30.", "request_not_supported")]
    [InlineData("request_uri", "https://client.example.test/request.jwt", "request_uri_not_supported")]
    public async Task RequestObject_Sent_RedirectsItsOwnError(string parameter, string value, string error)
    {
        var scenario = await ScenarioAsync();

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl((parameter, value)));

        OAuthAssert.ErrorRedirect(response, Callback, error);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"userinfo":"email"}""")]
    public async Task Claims_Malformed_RedirectsInvalidRequest(string claims)
    {
        var scenario = await ScenarioAsync();

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("claims", claims)));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_request");
    }

    [Fact]
    public async Task Scope_UnknownValuesWithOpenId_AreIgnoredAndTheTokenResponseSaysWhatWasGranted()
    {
        var scenario = await ScenarioAsync();

        var code = await TokenEndpoint.AuthorizeAsync(scenario, ("scope", "openid profile no-such-scope"));
        var reply = await TokenEndpoint.TokenAsync(_factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));

        Assert.Equal("openid profile", reply["scope"]);
    }

    [Fact]
    public async Task Scope_UnknownValueWithoutOpenId_RedirectsInvalidScope()
    {
        var scenario = await ScenarioAsync();

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("scope", "profile no-such-scope")));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_scope");
    }

    [Fact]
    public async Task IdTokenHint_ForAnotherUserWithPromptNone_RedirectsLoginRequired()
    {
        var scenario = await ScenarioAsync();
        var other = await ScenarioAsync();
        var code = await TokenEndpoint.AuthorizeAsync(other);
        var otherIdToken = (await TokenEndpoint.TokenAsync(_factory.CreateClient(), TokenEndpoint.CodeForm(other, code)))["id_token"]!;
        await TokenEndpoint.AuthorizeAsync(scenario); // consent remembered: only the hint stands in the way

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("prompt", "none"), ("id_token_hint", otherIdToken)));

        OAuthAssert.ErrorRedirect(response, Callback, "login_required");
    }

    [Fact]
    public async Task IdTokenHint_ForTheSignedInUserEvenExpired_IsAccepted()
    {
        var scenario = await ScenarioAsync();
        var code = await TokenEndpoint.AuthorizeAsync(scenario);
        var idToken = (await TokenEndpoint.TokenAsync(_factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code)))["id_token"]!;
        _factory.Clock.Advance(TimeSpan.FromMinutes(10)); // the id_token has expired

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("prompt", "none"), ("id_token_hint", idToken)));

        Assert.True(OAuthAssert.RedirectsTo(response, Callback).ContainsKey("code"));
    }

    [Theory]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4In0.")]
    [InlineData("not-a-jwt")]
    public async Task IdTokenHint_NotVerifiable_IsIgnoredNotRefused(string hint)
    {
        var scenario = await ScenarioAsync();
        await TokenEndpoint.AuthorizeAsync(scenario); // consent remembered

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("prompt", "none"), ("id_token_hint", hint)));

        Assert.True(OAuthAssert.RedirectsTo(response, Callback).ContainsKey("code"));
    }

    [Fact]
    public async Task IdTokenHint_ForAnotherUser_SendsToTheLoginPageAndBackWithoutTheHint()
    {
        var scenario = await ScenarioAsync();
        var other = await ScenarioAsync();
        var otherIdToken = await OidcClients.IdTokenAsync(other);

        var returnUrl = OAuthAssert.LoginReturnUrl(await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("id_token_hint", otherIdToken))));

        Assert.DoesNotContain("id_token_hint", returnUrl);
    }
}
