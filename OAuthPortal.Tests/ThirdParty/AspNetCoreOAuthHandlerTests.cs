using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// ASP.NET Core's own OAuth client handler (AddOAuth with PKCE) signs a user in to a third-party web app through the
/// real portal on Kestrel: every browser hop is made and checked here, the back-channel is the handler's own.
/// </summary>
public sealed class AspNetCoreOAuthHandlerTests
{
    [Fact]
    public async Task AspNetCoreOAuthHandler_UserSignsInAndAllows_ClientAppKnowsThePortalUser()
    {
        using var portal = KestrelPortal.Start();
        var user = await ThirdPartySetup.UserAndScopeAsync(portal);
        await using var app = await AspNetCoreClientApp.StartAsync(portal);
        var client = await ThirdPartySetup.ConfidentialClientAsync(portal, app.RedirectUri);
        app.UseClient(client);
        using var browser = new SocketBrowser();

        // 1. The protected page challenges the "portal" scheme: a redirect to the authorization endpoint, with PKCE S256.
        var challenge = await browser.GetAsync(app.Origin + "/whoami");
        Html.AssertStatus(HttpStatusCode.Found, challenge);
        var authorizeUrl = SocketBrowser.Location(challenge);
        Assert.Equal(portal.Origin + "/oauth2/authorize", authorizeUrl.GetLeftPart(UriPartial.Path));
        var request = QueryHelpers.ParseQuery(authorizeUrl.Query);
        Assert.Equal("code", request["response_type"].ToString());
        Assert.Equal(client.ClientId, request["client_id"].ToString());
        Assert.Equal(app.RedirectUri, request["redirect_uri"].ToString());
        Assert.Equal(ThirdPartySetup.Scope, request["scope"].ToString());
        Assert.Equal("S256", request["code_challenge_method"].ToString());
        Assert.Equal(43, request["code_challenge"].ToString().Length);
        Assert.False(string.IsNullOrEmpty(request["state"]));

        // 2. The portal sends the anonymous browser to its login page, which returns to the same authorization request.
        var loginPage = await browser.FollowAsync(await browser.GetAsync(authorizeUrl));
        Assert.Equal(portal.Origin + "/Identity/Account/Login", loginPage.RequestMessage!.RequestUri!.GetLeftPart(UriPartial.Path));
        var consentPage = await browser.FollowAsync(await browser.LogInAsync(loginPage, user.Email!));
        Assert.Equal(authorizeUrl.GetLeftPart(UriPartial.Path), consentPage.RequestMessage!.RequestUri!.GetLeftPart(UriPartial.Path));
        Assert.Equal(request, QueryHelpers.ParseQuery(consentPage.RequestMessage.RequestUri.Query));

        // 3. Allow: back to the client's callback with code, the handler's state, and iss (RFC 9207).
        var allowed = await browser.DecideAsync(consentPage);
        Html.AssertStatus(HttpStatusCode.SeeOther, allowed);
        var callbackUrl = SocketBrowser.Location(allowed);
        Assert.Equal(app.RedirectUri, callbackUrl.GetLeftPart(UriPartial.Path));
        var callback = QueryHelpers.ParseQuery(callbackUrl.Query);
        Assert.False(string.IsNullOrEmpty(callback["code"]));
        Assert.Equal(request["state"].ToString(), callback["state"].ToString());
        Assert.Equal(portal.Origin, callback["iss"].ToString());

        // 4. The handler redeems the code (with its code_verifier), calls /api/me, sets its cookie and returns to /whoami.
        var signedIn = await browser.GetAsync(callbackUrl);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Found, $"{(int)signedIn.StatusCode}: {await signedIn.Content.ReadAsStringAsync()}");
        Assert.Equal(app.Origin + "/whoami", SocketBrowser.Location(signedIn).AbsoluteUri);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AspNetCoreClientApp.CookieName + "=", StringComparison.Ordinal));

        var whoAmI = await browser.GetAsync(SocketBrowser.Location(signedIn));
        Html.AssertStatus(HttpStatusCode.OK, whoAmI);
        var me = (await whoAmI.Content.ReadFromJsonAsync<AspNetCoreClientApp.WhoAmI>())!;
        Assert.Equal(user.Email, me.Email);
        Assert.Equal(user.Id, me.Subject);
        Assert.Equal(client.ClientId, me.ClientId);
        Assert.Equal(ThirdPartySetup.Scope, me.Scope);
        Assert.Equal("Bearer", me.TokenType);
        Assert.True(me.RefreshTokenSaved);

        // The front channel, hop by hop (paths only; the queries were checked above).
        Assert.Equal(
        [
            $"GET {app.Origin}/whoami",
            $"GET {portal.Origin}/oauth2/authorize",
            $"GET {portal.Origin}/Identity/Account/Login",
            $"POST {portal.Origin}/Identity/Account/Login",
            $"GET {portal.Origin}/oauth2/authorize",
            $"POST {portal.Origin}/oauth2/authorize",
            $"GET {app.Origin}{AspNetCoreClientApp.CallbackPath}",
            $"GET {app.Origin}/whoami",
        ], browser.Hops.Select(h => h.Split('?')[0]));

        // The back-channel, as the handler made it: the code exchange with the PKCE verifier, then /api/me with the token.
        var backchannel = app.Backchannel.ToList();
        Assert.Equal(2, backchannel.Count);
        var token = backchannel[0];
        Assert.Equal(portal.Origin + "/oauth2/token", token.Url.AbsoluteUri);
        Assert.Equal(200, token.Status);
        Assert.Equal("authorization_code", token.Form["grant_type"]);
        Assert.Equal(callback["code"].ToString(), token.Form["code"]);
        Assert.Equal(app.RedirectUri, token.Form["redirect_uri"]);
        Assert.Equal(request["code_challenge"].ToString(), ThirdPartySetup.S256(token.Form["code_verifier"]));
        var api = backchannel[1];
        Assert.Equal(portal.Origin + "/api/me", api.Url.AbsoluteUri);
        Assert.Equal(200, api.Status);
        Assert.Equal(("Bearer", me.AccessToken), (api.Authorization?.Scheme, api.Authorization?.Parameter));

        // Signed in now: the page answers without another trip to the portal.
        var again = await browser.GetAsync(app.Origin + "/whoami");
        Html.AssertStatus(HttpStatusCode.OK, again);
        Assert.Equal(user.Email, (await again.Content.ReadFromJsonAsync<AspNetCoreClientApp.WhoAmI>())!.Email);
    }

    [Fact]
    public async Task AspNetCoreOAuthHandler_UserDeclines_HandlerReportsAccessDeniedAndRedeemsNothing()
    {
        using var portal = KestrelPortal.Start();
        var user = await ThirdPartySetup.UserAndScopeAsync(portal);
        await using var app = await AspNetCoreClientApp.StartAsync(portal);
        app.UseClient(await ThirdPartySetup.ConfidentialClientAsync(portal, app.RedirectUri));
        using var browser = new SocketBrowser();
        await browser.SignInAsync(portal, user.Email!);

        var consentPage = await browser.FollowAsync(await browser.GetAsync(app.Origin + "/whoami"));
        var declined = await browser.DecideAsync(consentPage, "decline");
        Html.AssertStatus(HttpStatusCode.SeeOther, declined);
        var callbackUrl = SocketBrowser.Location(declined);
        Assert.Equal(app.RedirectUri, callbackUrl.GetLeftPart(UriPartial.Path));
        Assert.Equal("access_denied", QueryHelpers.ParseQuery(callbackUrl.Query)["error"].ToString());

        var failure = await browser.GetAsync(callbackUrl);
        Html.AssertStatus(HttpStatusCode.InternalServerError, failure);
        Assert.Contains("Access was denied", await failure.Content.ReadAsStringAsync());
        Assert.Empty(app.Backchannel);

        var stillAnonymous = await browser.GetAsync(app.Origin + "/whoami");
        Html.AssertStatus(HttpStatusCode.Found, stillAnonymous);
        Assert.StartsWith(portal.Origin + "/oauth2/authorize?", SocketBrowser.Location(stillAnonymous).AbsoluteUri);
    }
}
