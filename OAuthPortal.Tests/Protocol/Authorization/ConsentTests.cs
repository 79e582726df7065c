using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Authorization;

/// <summary>The consent page and the user's decision (djoauth2/tests/test_authorization.py, accept/decline cases).</summary>
public sealed class ConsentTests : IDisposable
{
    private const string Callback = "https://client.example.test/callback?";
    private readonly RecordingOAuthEvents _events = new();
    private readonly PortalFactory _factory;

    public ConsentTests() =>
        _factory = PortalFactory.With(new Dictionary<string, string?>(), configureServices: s => s.AddSingleton<IOAuthEvents>(_events));

    public void Dispose() => _factory.Dispose();

    private Task<AuthorizationCode?> FindCodeAsync(string code) => _factory.WithScopeAsync(s =>
        s.GetRequiredService<PortalDbContext>().AuthorizationCodes.Include(c => c.Scopes).SingleOrDefaultAsync(c => c.CodeHash == SecretHasher.Hash(code)));

    [Fact]
    public async Task ConsentPage_ValidRequest_ShowsClientOwnerScopesAndRedirectUri()
    {
        // djoauth2: TestMakeAuthorizationEndpointHelper.test_valid_get_request_returns_rendered_template
        var scenario = await OAuthScenario.CreateAsync(_factory);

        var (_, page) = await Html.GetPageAsync(scenario.Browser, scenario.AuthorizeUrl());

        Assert.StartsWith("client-", page.QuerySelector("[data-test=client-name]")!.TextContent);
        Assert.Equal("A test client", page.QuerySelector("[data-test=client-description]")!.TextContent);
        Assert.Contains("@example.test", page.QuerySelector("[data-test=client-owner]")!.TextContent);
        Assert.Equal(scenario.Scopes, page.QuerySelectorAll("[data-test=scope]").Select(e => e.GetAttribute("data-scope")));
        Assert.Contains("Do thing number 0", page.QuerySelector("[data-test=scope-list]")!.TextContent);
        Assert.Equal(scenario.RedirectUri, page.QuerySelector("[data-test=redirect-uri]")!.TextContent);
        Assert.NotNull(page.QuerySelector("form[data-test=consent-form] input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task Accept_ValidRequest_Redirects303WithACodeThatExistsAndIsBoundToTheRequest()
    {
        // djoauth2: TestMakeAuthorizationEndpointHelper.test_post_request_with_acceptance_results_in_success_redirect,
        // TestAuthorizationCodeEndpoint.test_success_response_redirects_to_valid_uri, TestAuthorizationCodeEndpoint.test_state_included_on_success_redirect,
        // TestAuthorizationCodeEndpoint.test_redirect_uri_not_included_in_request_does_not_set_value_on_authcode
        var scenario = await OAuthScenario.CreateAsync(_factory);

        var response = await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl());

        var query = OAuthAssert.RedirectsTo(response, Callback, HttpStatusCode.SeeOther);
        Assert.Equal(OAuthScenario.State, query["state"]);
        Assert.Equal("https://localhost", query["iss"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["code"]);
        var code = (await FindCodeAsync(query["code"]))!;
        Assert.Equal(scenario.ClientId, code.ClientId);
        Assert.Equal(scenario.User.Id, code.UserId);
        Assert.Equal(scenario.Scopes.Order(), code.Scopes.Select(s => s.Name).Order());
        Assert.Equal(PortalFactory.Start.UtcDateTime.AddMinutes(10), code.ExpiresAt);
        Assert.Null(code.ConsumedAt);
        Assert.Null(code.RedirectUri);
    }

    [Fact]
    public async Task Accept_RequestWithRedirectUri_StoresTheRedirectUriOnTheCode()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_redirect_uri_included_in_request_sets_value_on_authcode
        var scenario = await OAuthScenario.CreateAsync(_factory);

        var response = await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl(("redirect_uri", scenario.RedirectUri)));

        var code = (await FindCodeAsync(OAuthAssert.RedirectsTo(response, Callback, HttpStatusCode.SeeOther)["code"]))!;
        Assert.Equal(scenario.RedirectUri, code.RedirectUri);
    }

    [Fact]
    public async Task Accept_RegisteredUriWithNonAsciiQuery_KeepsItOnSuccess()
    {
        // djoauth2: TestAuthorizationCodeEndpoint.test_redirect_uri_query_parameters_preserved_on_success,
        // TestAuthorizationCodeEndpoint.test_redirect_uri_query_parameters_unicode_succeeds_encoded_with_utf8
        var scenario = await OAuthScenario.CreateAsync(_factory, redirectUris: ["https://client.example.test/cb?name=Zoë"]);

        var response = await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl());

        var query = OAuthAssert.RedirectsTo(response, "https://client.example.test/cb?name=Zo%C3%AB&code=", HttpStatusCode.SeeOther);
        Assert.Equal("Zoë", query["name"]);
    }

    [Fact]
    public async Task Accept_Always_RaisesConsentGrantedAndRemembersTheGrant()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);

        await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl());

        var consent = Assert.Single(_events.Of<ConsentEvent>("consent-granted"));
        Assert.Equal((scenario.User.Id, scenario.ClientId), (consent.UserId, consent.ClientId));
        var granted = await _factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().ConsentGrants
            .Where(g => g.UserId == scenario.User.Id && g.ClientId == scenario.ClientId).SelectMany(g => g.Scopes.Select(x => x.Name)).ToListAsync());
        Assert.Equal(scenario.Scopes.Order(), granted.Order());
    }

    [Fact]
    public async Task Decline_ValidRequest_Redirects303AccessDeniedAndIssuesNoCode()
    {
        // djoauth2: TestMakeAuthorizationEndpointHelper.test_post_request_with_denial_results_in_error_redirect,
        // TestAuthorizationCodeEndpoint.test_error_response_redirects_to_valid_uri, TestAuthorizationCodeEndpoint.test_state_included_on_error_redirect
        var scenario = await OAuthScenario.CreateAsync(_factory);

        var response = await Consent.DeclineAsync(scenario.Browser, scenario.AuthorizeUrl());

        OAuthAssert.ErrorRedirect(response, Callback, "access_denied", status: HttpStatusCode.SeeOther);
        Assert.Single(_events.Of<ConsentEvent>("consent-denied"));
        Assert.Empty(_events.Of<ConsentEvent>("consent-granted"));
        Assert.False(await _factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuthorizationCodes.AnyAsync(c => c.ClientId == scenario.ClientId)));
    }

    [Fact]
    public async Task Accept_WithoutAntiforgeryToken_Is400AndIssuesNoCode()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var (_, page) = await Html.GetPageAsync(scenario.Browser, scenario.AuthorizeUrl());
        var fields = page.Form("form[data-test=consent-form]").QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .Where(i => i.Name != "__RequestVerificationToken").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value));

        var response = await scenario.Browser.PostAsync("/oauth2/authorize?handler=Accept", new FormUrlEncodedContent(fields));

        await OAuthAssert.ErrorPage(response, "invalid_consent_form");
        Assert.DoesNotContain(_events.Raised, e => e.Kind.StartsWith("consent", StringComparison.Ordinal));
        Assert.False(await _factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuthorizationCodes.AnyAsync(c => c.ClientId == scenario.ClientId)));
    }

    [Fact]
    public async Task Accept_TamperedRedirectUriInTheForm_IsRevalidatedAndRefused()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var (_, page) = await Html.GetPageAsync(scenario.Browser, scenario.AuthorizeUrl());
        var form = page.Form("form[data-test=consent-form]");

        var response = await Html.SubmitAsync(scenario.Browser, form,
            new Dictionary<string, string> { ["redirect_uri"] = "https://attacker.example/steal" },
            form.QuerySelector<IHtmlButtonElement>("button[data-test=accept]"));

        await OAuthAssert.ErrorPage(response, "redirect_uri_not_registered");
    }

    [Fact]
    public async Task Accept_TamperedScopeInTheForm_IsRevalidated()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var (_, page) = await Html.GetPageAsync(scenario.Browser, scenario.AuthorizeUrl());
        var form = page.Form("form[data-test=consent-form]");

        var response = await Html.SubmitAsync(scenario.Browser, form,
            new Dictionary<string, string> { ["scope"] = "not-a-scope" }, form.QuerySelector<IHtmlButtonElement>("button[data-test=accept]"));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_scope", status: HttpStatusCode.SeeOther);
    }

    [Fact]
    public async Task Accept_ByAnotherSignedInUser_UsesTheirOwnAccountNotTheFormsOriginalUser()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var other = await TestUsers.CreateAsync(_factory);
        var otherBrowser = await SignIn.ClientForAsync(_factory, other.Email!);

        var response = await Consent.AcceptAsync(otherBrowser, scenario.AuthorizeUrl());

        var code = (await FindCodeAsync(OAuthAssert.RedirectsTo(response, Callback, HttpStatusCode.SeeOther)["code"]))!;
        Assert.Equal(other.Id, code.UserId);
    }

    [Fact]
    public async Task Responses_ConsentErrorAndRedirect_CarryAntiFramingNoStoreAndNoReferrerHeaders()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var responses = new[]
        {
            await scenario.Browser.GetAsync(scenario.AuthorizeUrl()),
            await scenario.Browser.GetAsync("/oauth2/authorize?client_id=unknown"),
            await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("response_type", "token"))),
            await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl()),
        };

        Assert.All(responses, response =>
        {
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(response.Headers.CacheControl!.NoStore);
        });
    }

    [Fact]
    public async Task Get_ConsentRemembered_RedirectsWithACodeAtOnce()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);
        await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl());

        var again = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());
        var subset = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("scope", scenario.Scopes[1])));

        Assert.NotNull((await FindCodeAsync(OAuthAssert.RedirectsTo(again, Callback)["code"]))?.Id);
        var subsetCode = (await FindCodeAsync(OAuthAssert.RedirectsTo(subset, Callback)["code"]))!;
        Assert.Equal([scenario.Scopes[1]], subsetCode.Scopes.Select(s => s.Name));
    }

    [Fact]
    public async Task Get_ConsentRememberedForFewerScopes_AsksAgain()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);
        await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl(("scope", scenario.Scopes[0])));

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());

        Html.AssertStatus(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task Get_ConsentRememberedButPromptConsent_AsksAgain()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);
        await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl());

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("prompt", "consent")));

        Html.AssertStatus(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task Get_RememberConsentOff_AsksEveryTime()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RememberConsent"] = "false" });
        var scenario = await OAuthScenario.CreateAsync(factory);
        await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl());

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());

        Html.AssertStatus(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task Get_ConsentRememberedButDeclinedLater_StillRemembersTheEarlierGrant()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);
        await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl());
        await Consent.DeclineAsync(scenario.Browser, scenario.AuthorizeUrl(("prompt", "consent")));

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());

        OAuthAssert.RedirectsTo(response, Callback);
    }
}
