using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Playwright;
using OAuthPortal.Tests.Browser;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// ASP.NET Core's OpenID Connect handler (Microsoft.AspNetCore.Authentication.OpenIdConnect), configured as the
/// README says, against the real portal: headless Chromium signs a user in through the portal's login and consent
/// pages to the relying party on its own Kestrel socket, and out again through the end-session endpoint. Everything
/// protocol-side (discovery, JWKS, the code exchange, the id_token checks, UserInfo, the logout request) is the handler's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AspNetCoreOidcTests(Chromium chromium)
{
    private const string FullName = "Ada Lovelace";

    [SkippableTheory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task AspNetCoreOidcHandler_UserSignsInThenOut_AppHasUserInfoClaimsAndPortalSessionEnds(string algorithm)
    {
        var browser = chromium.Require();
        using var portal = KestrelPortal.Start();
        var user = await ThirdPartySetup.NamedUserAsync(portal, FullName);
        await using var app = await AspNetCoreOidcApp.StartAsync(portal);
        var client = await ThirdPartySetup.ConfidentialClientAsync(portal, app.RedirectUri);
        await TestClients.AddPostLogoutRedirectUriAsync(portal.Factory, client.ClientId, app.PostLogoutRedirectUri);
        await TestClients.SetIdTokenSignedResponseAlgAsync(portal.Factory, client.ClientId, algorithm);
        app.UseClient(client);
        await using var context = await browser.NewContextAsync();
        context.SetDefaultTimeout(Chromium.Timeout);
        context.SetDefaultNavigationTimeout(Chromium.Timeout);
        var page = await context.NewPageAsync();
        var hops = new List<IRequest>();
        page.Request += (_, request) =>
        {
            if (request.IsNavigationRequest)
            {
                hops.Add(request);
            }
        };

        // Sign in: the protected page challenges, the portal asks for the password and the consent, the handler finishes.
        await page.GotoAsync(app.Origin + "/profile");
        await BrowserPortal.LogInHereAsync(page, user.Email!);
        await page.Locator("form#consent-form").WaitForAsync();
        await page.ClickAsync("[data-test=accept]");
        await Assertions.Expect(page).ToHaveURLAsync(app.Origin + "/profile");
        var profile = JsonSerializer.Deserialize<AspNetCoreOidcApp.Profile>(
            await page.EvaluateAsync<string>("async () => await (await fetch('/profile')).text()"))!;

        var authorize = hops.First(h => h.Url.StartsWith(portal.Origin + "/oauth2/authorize?", StringComparison.Ordinal));
        var request = QueryHelpers.ParseQuery(new Uri(authorize.Url).Query);
        Assert.Equal("code", request["response_type"].ToString());
        Assert.Equal("form_post", request["response_mode"].ToString());
        Assert.Equal("openid profile email", request["scope"].ToString());
        Assert.Equal("S256", request["code_challenge_method"].ToString());
        Assert.Equal(app.RedirectUri, request["redirect_uri"].ToString());
        Assert.Contains(hops, h => h.Method == "POST" && h.Url == app.RedirectUri); // the code came back by form_post

        Assert.Equal(user.Id, profile.Subject);
        Assert.Equal(FullName, profile.Name);
        Assert.Equal(FullName, profile.IdentityName);
        Assert.Equal(user.Email, profile.Email);
        Assert.False(string.IsNullOrEmpty(profile.AccessToken));
        Assert.False(profile.RefreshTokenSaved); // no offline_access, no refresh token (OpenID Connect Core §11)
        var idToken = new JsonWebToken(profile.IdToken);
        Assert.Equal(algorithm, idToken.Alg);
        Assert.Equal(portal.Origin, idToken.Issuer);
        Assert.Equal([client.ClientId], idToken.Audiences);
        Assert.Equal(user.Id, idToken.Subject);
        Assert.False(idToken.TryGetPayloadValue<string>("name", out _)); // name and email came from UserInfo, not the id_token

        Assert.Equal(
        [
            $"GET {portal.Origin}/.well-known/openid-configuration 200",
            $"GET {portal.Origin}/.well-known/jwks.json 200",
            $"POST {portal.Origin}/oauth2/token 200",
            $"GET {portal.Origin}/oauth2/userinfo 200",
        ], app.Backchannel);

        // Sign out: the handler sends the id_token as a hint with the registered post-logout redirect URI; the portal
        // ends its session without asking and sends the browser back to the app, which lands on its signed-out page.
        hops.Clear();
        await page.GotoAsync(app.Origin + "/logout");
        await Assertions.Expect(page).ToHaveURLAsync(app.Origin + AspNetCoreOidcApp.SignedOutPath);
        await Assertions.Expect(page.Locator("#signed-out")).ToHaveTextAsync(AspNetCoreOidcApp.SignedOutText);

        var endSession = QueryHelpers.ParseQuery(new Uri(hops.Single(h => h.Url.StartsWith(portal.Origin + "/oauth2/logout?", StringComparison.Ordinal)).Url).Query);
        Assert.Equal(profile.IdToken, endSession["id_token_hint"].ToString());
        Assert.Equal(app.PostLogoutRedirectUri, endSession["post_logout_redirect_uri"].ToString());
        Assert.Equal(
            [$"{app.Origin}/logout", $"{portal.Origin}/oauth2/logout", $"{app.Origin}{AspNetCoreOidcApp.SignedOutCallbackPath}", $"{app.Origin}{AspNetCoreOidcApp.SignedOutPath}"],
            hops.Select(h => h.Url.Split('?')[0]));

        // Both sessions are over: the app challenges again, and the portal asks for the password, not the consent.
        await page.GotoAsync(app.Origin + "/profile");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(portal.Origin + "/Identity/Account/Login") + @"\?"));
        await page.Locator("form#account").WaitForAsync();
    }
}
