using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.WebUtilities;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Oidc;

/// <summary>RP-Initiated Logout 1.0 at /oauth2/logout: sign out and return only with a hint and a registered URI; otherwise ask; never an open redirect.</summary>
public sealed class EndSessionTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public EndSessionTests(PortalFactory factory) => _factory = factory;

    private async Task<(OAuthScenario Scenario, string IdToken)> SignedInAsync()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory, scopeCount: 0, sharedScopes: ["openid"]);
        await OidcClients.AddPostLogoutRedirectUriAsync(_factory, scenario.ClientId);
        return (scenario, await OidcClients.IdTokenAsync(scenario));
    }

    private static string LogoutUrl(params (string Name, string Value)[] parameters) =>
        QueryHelpers.AddQueryString("/oauth2/logout", parameters.Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)));

    [Fact]
    public async Task Logout_HintAndRegisteredUri_SignsOutAndRedirectsWithState()
    {
        var (scenario, idToken) = await SignedInAsync();

        var response = await scenario.Browser.GetAsync(LogoutUrl(("id_token_hint", idToken), ("post_logout_redirect_uri", OidcClients.PostLogoutUri), ("state", "s-1")));

        Assert.Equal(OidcClients.PostLogoutUri + "?state=s-1", OAuthAssertLocation(response, HttpStatusCode.Found));
        Assert.True(await OidcClients.SessionEndedAsync(_factory, scenario.User.Id));
        Html.AssertStatus(HttpStatusCode.Redirect, await scenario.Browser.GetAsync(scenario.AuthorizeUrl())); // to the login page
    }

    [Fact]
    public async Task Logout_NoHint_AsksWithALogOutButtonAndKeepsTheSession()
    {
        var (scenario, _) = await SignedInAsync();

        var (response, page) = await Html.GetPageAsync(scenario.Browser,
            LogoutUrl(("client_id", scenario.ClientId), ("post_logout_redirect_uri", OidcClients.PostLogoutUri)));

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("Log out", page.QuerySelector("[data-test=confirm-logout]")!.TextContent.Trim());
        Assert.False(await OidcClients.SessionEndedAsync(_factory, scenario.User.Id));
    }

    [Fact]
    public async Task Confirm_RegisteredUriNamedByClientId_SignsOutAndRedirects()
    {
        var (scenario, _) = await SignedInAsync();
        var (_, page) = await Html.GetPageAsync(scenario.Browser,
            LogoutUrl(("client_id", scenario.ClientId), ("post_logout_redirect_uri", OidcClients.PostLogoutUri), ("state", "s-2")));

        var response = await Html.SubmitAsync(scenario.Browser, page.Form("form[data-test=logout-form]"));

        Assert.Equal(OidcClients.PostLogoutUri + "?state=s-2", OAuthAssertLocation(response, HttpStatusCode.SeeOther));
        Assert.True(await OidcClients.SessionEndedAsync(_factory, scenario.User.Id));
    }

    [Theory]
    [InlineData("https://evil.example.test/")]
    [InlineData("https://client.example.test/signed-out/")]
    [InlineData("https://client.example.test/callback")]
    public async Task Confirm_UnregisteredUri_SignsOutAndStaysOnThePortal(string uri)
    {
        var (scenario, idToken) = await SignedInAsync();
        var (first, page) = await Html.GetPageAsync(scenario.Browser, LogoutUrl(("id_token_hint", idToken), ("post_logout_redirect_uri", uri)));
        Html.AssertStatus(HttpStatusCode.OK, first);
        Assert.NotNull(page.QuerySelector("[data-test=unregistered-uri]"));

        var response = await Html.SubmitAsync(scenario.Browser, page.Form("form[data-test=logout-form]"));

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Null(response.Headers.Location);
        var signedOut = await Html.ParseAsync(response);
        Assert.NotNull(signedOut.QuerySelector("[data-test=signed-out]"));
        Assert.DoesNotContain(signedOut.QuerySelectorAll("a"), a => a.GetAttribute("href")!.Contains(uri, StringComparison.Ordinal));
        Assert.True(await OidcClients.SessionEndedAsync(_factory, scenario.User.Id));
    }

    [Fact]
    public async Task Logout_HintOfAnotherUser_Asks()
    {
        var (scenario, _) = await SignedInAsync();
        var (_, otherIdToken) = await SignedInAsync();

        var (response, page) = await Html.GetPageAsync(scenario.Browser,
            LogoutUrl(("id_token_hint", otherIdToken), ("post_logout_redirect_uri", OidcClients.PostLogoutUri)));

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull(page.QuerySelector("[data-test=confirm-logout]"));
        Assert.False(await OidcClients.SessionEndedAsync(_factory, scenario.User.Id));
    }

    [Fact]
    public async Task Logout_HintFromAnEarlierSignInOfTheSameUser_Asks()
    {
        var (scenario, oldIdToken) = await SignedInAsync();
        var again = await SignIn.ClientForAsync(_factory, scenario.User.Email!); // a new sign-in: another session

        var (response, page) = await Html.GetPageAsync(again,
            LogoutUrl(("id_token_hint", oldIdToken), ("post_logout_redirect_uri", OidcClients.PostLogoutUri)));

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull(page.QuerySelector("[data-test=confirm-logout]"));
    }

    [Fact]
    public async Task Logout_NotSignedInWithHintAndRegisteredUri_RedirectsWithState()
    {
        var (_, idToken) = await SignedInAsync();

        var response = await _factory.CreateClient().GetAsync(
            LogoutUrl(("id_token_hint", idToken), ("post_logout_redirect_uri", OidcClients.PostLogoutUri), ("state", "s-5")));

        Assert.Equal(OidcClients.PostLogoutUri + "?state=s-5", OAuthAssertLocation(response, HttpStatusCode.Found));
    }

    [Fact]
    public async Task Logout_HintForAnotherClientThanClientId_DoesNotRedirect()
    {
        var (scenario, idToken) = await SignedInAsync();
        var (other, _) = await SignedInAsync();

        var (response, page) = await Html.GetPageAsync(scenario.Browser,
            LogoutUrl(("id_token_hint", idToken), ("client_id", other.ClientId), ("post_logout_redirect_uri", OidcClients.PostLogoutUri)));

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull(page.QuerySelector("[data-test=confirm-logout]"));
    }

    [Fact]
    public async Task Logout_PostedWithoutTheSignInCookie_IsRepeatedAsAGet()
    {
        var (scenario, idToken) = await SignedInAsync();

        var response = await _factory.CreateClient().PostAsync("/oauth2/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id_token_hint"] = idToken, ["post_logout_redirect_uri"] = OidcClients.PostLogoutUri, ["state"] = "s-3",
        }));

        var location = OAuthAssertLocation(response, HttpStatusCode.SeeOther);
        Assert.StartsWith("/oauth2/logout?", location);
        Assert.Equal("s-3", QueryHelpers.ParseQuery(location[location.IndexOf('?')..])["state"].ToString());
    }

    [Fact]
    public async Task Confirm_WithoutAntiforgeryToken_IsRefused()
    {
        var (scenario, _) = await SignedInAsync();

        var response = await scenario.Browser.PostAsync("/oauth2/logout?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = scenario.ClientId, ["post_logout_redirect_uri"] = OidcClients.PostLogoutUri,
        }));

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.False(await OidcClients.SessionEndedAsync(_factory, scenario.User.Id));
    }

    [Fact]
    public async Task Logout_NotSignedIn_ShowsSignedOutWithAWayBackOnlyToTheRegisteredUri()
    {
        var (scenario, _) = await SignedInAsync();

        var (response, page) = await Html.GetPageAsync(_factory.CreateClient(),
            LogoutUrl(("client_id", scenario.ClientId), ("post_logout_redirect_uri", OidcClients.PostLogoutUri), ("state", "s-4")));

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal(OidcClients.PostLogoutUri + "?state=s-4", page.QuerySelector("[data-test=return-to-client]")!.GetAttribute("href"));
    }

    private static string OAuthAssertLocation(HttpResponseMessage response, HttpStatusCode status)
    {
        Html.AssertStatus(status, response);
        return response.Headers.Location!.OriginalString;
    }
}
