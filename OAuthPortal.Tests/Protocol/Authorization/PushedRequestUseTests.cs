using System.Net;
using AngleSharp.Dom;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Authorization;

/// <summary>
/// /oauth2/authorize?client_id=...&amp;request_uri=... (RFC 9126 §4): the pushed request is used, once, by its own
/// client, while it lives; sign-in and the consent form still work with it.
/// </summary>
public sealed class PushedRequestUseTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Authorize_PushedRequest_ConsentIssuesCodeExchangeable()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario);

        var response = await Consent.AcceptAsync(scenario.Browser, PushedRequests.AuthorizeUrl(scenario.ClientId, requestUri));

        var query = OAuthAssert.RedirectsTo(response, scenario.RedirectUri, HttpStatusCode.SeeOther);
        Assert.Equal(OAuthScenario.State, query["state"]);
        var token = await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, query["code"]));
        Html.AssertStatus(HttpStatusCode.OK, token.Response);
    }

    [Fact]
    public async Task Authorize_PushedRequestUsedTwice_SecondIsErrorPage()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario);
        var url = PushedRequests.AuthorizeUrl(scenario.ClientId, requestUri);
        await Consent.AcceptAsync(scenario.Browser, url);

        var again = await scenario.Browser.GetAsync(url);

        await OAuthAssert.ErrorPage(again, "invalid_request_uri");
    }

    [Fact]
    public async Task Accept_ConsentFormPostedTwice_SecondIsErrorPage()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario, ("prompt", "consent"));
        var (_, page) = await Html.GetPageAsync(scenario.Browser, PushedRequests.AuthorizeUrl(scenario.ClientId, requestUri));
        var form = page.Form("form[data-test=consent-form]");
        var accept = form.QuerySelector<AngleSharp.Html.Dom.IHtmlButtonElement>("button[data-test=accept]")!;
        OAuthAssert.RedirectsTo(await Html.SubmitAsync(scenario.Browser, form, submitter: accept), scenario.RedirectUri, HttpStatusCode.SeeOther);

        var replay = await Html.SubmitAsync(scenario.Browser, form, submitter: accept);

        await OAuthAssert.ErrorPage(replay, "invalid_request_uri");
    }

    [Fact]
    public async Task ConsentForm_PushedRequest_CarriesOnlyClientIdAndRequestUri()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario);

        var (_, page) = await Html.GetPageAsync(scenario.Browser, PushedRequests.AuthorizeUrl(scenario.ClientId, requestUri));

        var carried = Html.Fields(page.Form("form[data-test=consent-form]")).Where(f => f.Key != "__RequestVerificationToken").Select(f => f.Key).Order();
        Assert.Equal(["client_id", "request_uri"], carried);
    }

    [Fact]
    public async Task Accept_PushedRequestVisitedInTime_StaysUsableForSignInAndConsent()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario, ("prompt", "consent"));
        factory.Clock.Advance(TimeSpan.FromSeconds(50));
        var (_, page) = await Html.GetPageAsync(scenario.Browser, PushedRequests.AuthorizeUrl(scenario.ClientId, requestUri));
        factory.Clock.Advance(TimeSpan.FromMinutes(14));

        var form = page.Form("form[data-test=consent-form]");
        var response = await Html.SubmitAsync(scenario.Browser, form, submitter: form.QuerySelector<AngleSharp.Html.Dom.IHtmlButtonElement>("button[data-test=accept]")!);

        OAuthAssert.RedirectsTo(response, scenario.RedirectUri, HttpStatusCode.SeeOther);
    }

    [Fact]
    public async Task Accept_PushedRequestInteractionLongerThanItsLifetime_IsErrorPage()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario, ("prompt", "consent"));
        var (_, page) = await Html.GetPageAsync(scenario.Browser, PushedRequests.AuthorizeUrl(scenario.ClientId, requestUri));
        factory.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        var form = page.Form("form[data-test=consent-form]");
        var response = await Html.SubmitAsync(scenario.Browser, form, submitter: form.QuerySelector<AngleSharp.Html.Dom.IHtmlButtonElement>("button[data-test=accept]")!);

        await OAuthAssert.ErrorPage(response, "invalid_request_uri");
    }

    [Fact]
    public async Task Authorize_ExpiredPushedRequest_IsErrorPage()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario);
        factory.Clock.Advance(TimeSpan.FromSeconds(61));

        var response = await scenario.Browser.GetAsync(PushedRequests.AuthorizeUrl(scenario.ClientId, requestUri));

        await OAuthAssert.ErrorPage(response, "invalid_request_uri");
    }

    [Fact]
    public async Task Authorize_OtherClientsId_IsErrorPage()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var other = await OAuthScenario.CreateAsync(factory);
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario);

        var response = await scenario.Browser.GetAsync(PushedRequests.AuthorizeUrl(other.ClientId, requestUri));

        await OAuthAssert.ErrorPage(response, "invalid_request_uri");
    }

    [Fact]
    public async Task Authorize_UnknownPushedRequestUri_IsErrorPage()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(
            PushedRequests.AuthorizeUrl(scenario.ClientId, "urn:ietf:params:oauth:request_uri:" + new string('A', 43), ("redirect_uri", scenario.RedirectUri)));

        await OAuthAssert.ErrorPage(response, "invalid_request_uri");
    }

    [Fact]
    public async Task Authorize_OtherRequestUri_IsStillRequestUriNotSupported()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("request_uri", "https://client.example.test/request.jwt")));

        OAuthAssert.ErrorRedirect(response, scenario.RedirectUri, "request_uri_not_supported");
    }

    [Fact]
    public async Task Authorize_RequestUriRepeated_IsInvalidRequestAndNotResolved()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl() + "&request_uri=" + Uri.EscapeDataString(requestUri) + "&request_uri=" + Uri.EscapeDataString(requestUri));

        OAuthAssert.ErrorRedirect(response, scenario.RedirectUri, "invalid_request");
    }

    [Fact]
    public async Task Authorize_QueryParametersBesideRequestUri_AreIgnored()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario, ("scope", scenario.Scopes[0]));

        var (response, page) = await Html.GetPageAsync(scenario.Browser,
            PushedRequests.AuthorizeUrl(scenario.ClientId, requestUri, ("scope", string.Join(' ', scenario.Scopes)), ("state", "tampered"), ("redirect_uri", "https://evil.example.test/")));

        Html.AssertStatus(HttpStatusCode.OK, response);
        var shown = page.QuerySelectorAll("[data-test=scope]").Select(e => e.GetAttribute("data-scope")).ToList();
        Assert.Equal([scenario.Scopes[0]], shown);
        var form = page.Form("form[data-test=consent-form]");
        var answer = await Html.SubmitAsync(scenario.Browser, form, submitter: form.QuerySelector<AngleSharp.Html.Dom.IHtmlButtonElement>("button[data-test=accept]")!);
        Assert.Equal(OAuthScenario.State, OAuthAssert.RedirectsTo(answer, scenario.RedirectUri, HttpStatusCode.SeeOther)["state"]);
    }

    [Fact]
    public async Task Authorize_NotSignedIn_SignInThenConsentWithTheSameRequestUri()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario);
        var browser = factory.CreateClient();

        var returnUrl = OAuthAssert.LoginReturnUrl(await browser.GetAsync(PushedRequests.AuthorizeUrl(scenario.ClientId, requestUri)));
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(browser, scenario.User.Email!, TestUsers.Password, returnUrl));
        var response = await Consent.AcceptAsync(browser, returnUrl);

        Assert.Contains(Uri.EscapeDataString(requestUri), returnUrl);
        Assert.NotNull(OAuthAssert.RedirectsTo(response, scenario.RedirectUri, HttpStatusCode.SeeOther).GetValueOrDefault("code"));
    }

    [Fact]
    public async Task Authorize_PushedPromptLogin_AsksOnceThenShowsConsent()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario, ("prompt", "login"));

        var returnUrl = OAuthAssert.LoginReturnUrl(await scenario.Browser.GetAsync(PushedRequests.AuthorizeUrl(scenario.ClientId, requestUri)));
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(scenario.Browser, scenario.User.Email!, TestUsers.Password, returnUrl));
        var response = await Consent.AcceptAsync(scenario.Browser, returnUrl);

        Assert.NotNull(OAuthAssert.RedirectsTo(response, scenario.RedirectUri, HttpStatusCode.SeeOther).GetValueOrDefault("code"));
    }

    [Fact]
    public async Task Authorize_PushedPromptLoginWithAForgedSignInMarker_StillAsksToSignIn()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        factory.Clock.Advance(TimeSpan.FromSeconds(5)); // the browser signed in before the request was pushed
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario, ("prompt", "login"), ("max_age", "0"));

        var response = await scenario.Browser.GetAsync(PushedRequests.AuthorizeUrl(scenario.ClientId, requestUri, ("pushed_signed_in", "1")));

        OAuthAssert.LoginReturnUrl(response);
    }

    [Fact]
    public async Task Authorize_DeclinedPushedRequest_IsSpent()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario);
        var url = PushedRequests.AuthorizeUrl(scenario.ClientId, requestUri);
        OAuthAssert.ErrorRedirect(await Consent.DeclineAsync(scenario.Browser, url), scenario.RedirectUri, "access_denied", status: HttpStatusCode.SeeOther);

        var again = await scenario.Browser.GetAsync(url);

        await OAuthAssert.ErrorPage(again, "invalid_request_uri");
    }
}
