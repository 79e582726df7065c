using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Playwright;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
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
        await using var world = await World.StartAsync(chromium, algorithm);
        var (portal, app, user, client, page, hops) = (world.Portal, world.App, world.User, world.Client, world.Page, world.Hops);

        var profile = await world.SignInAsync();

        var authorize = hops.First(h => h.Url.StartsWith(portal.Origin + "/oauth2/authorize?", StringComparison.Ordinal));
        var request = await PushedRequests.SentParametersAsync(portal.Factory, authorize.Url); // the handler pushes them (PAR) when offered
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
            $"POST {portal.Origin}/oauth2/par 201", // the handler pushes the request itself when the metadata offers PAR
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

    [SkippableFact]
    public async Task AspNetCoreOidcHandler_SignOutAfterThePortalSessionEnded_PortalSendsTheUserBackToTheApp()
    {
        await using var world = await World.StartAsync(chromium);
        await world.SignInAsync();
        // The user logs out on the portal itself (another tab, say): the app's own session goes on.
        await world.Page.GotoAsync(world.Portal.Origin + "/");
        await world.Page.ClickAsync("[data-test=nav-logout]");
        await Assertions.Expect(world.Page.Locator("[data-test=nav-logout]")).ToHaveCountAsync(0);
        world.Hops.Clear();

        await world.Page.GotoAsync(world.App.Origin + "/logout");

        // A valid id_token_hint and a registered post-logout redirect URI: nothing to confirm, so back to the app
        // (RP-Initiated Logout 1.0 §3; EndSessionRequest.MaySkipConfirmation allows it when nobody is signed in).
        await Assertions.Expect(world.Page).ToHaveURLAsync(world.App.Origin + AspNetCoreOidcApp.SignedOutPath);
        await Assertions.Expect(world.Page.Locator("#signed-out")).ToHaveTextAsync(AspNetCoreOidcApp.SignedOutText);
        Assert.Equal(
            [$"{world.App.Origin}/logout", $"{world.Portal.Origin}/oauth2/logout", $"{world.App.Origin}{AspNetCoreOidcApp.SignedOutCallbackPath}", $"{world.App.Origin}{AspNetCoreOidcApp.SignedOutPath}"],
            world.Hops.Select(h => h.Url.Split('?')[0]));
    }

    /// <summary>
    /// The portal with a named user, the relying party with its client (redirect and post-logout redirect URIs
    /// registered, id_tokens in <c>algorithm</c>), and a Chromium tab whose navigations are recorded.
    /// </summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly IBrowserContext _context;

        private World(KestrelPortal portal, AspNetCoreOidcApp app, PortalUser user, RegisteredClient client, IBrowserContext context, IPage page)
        {
            Portal = portal;
            App = app;
            User = user;
            Client = client;
            _context = context;
            Page = page;
            page.Request += (_, request) =>
            {
                if (request.IsNavigationRequest)
                {
                    Hops.Add(request);
                }
            };
        }

        public KestrelPortal Portal { get; }
        public AspNetCoreOidcApp App { get; }
        public PortalUser User { get; }
        public RegisteredClient Client { get; }
        public IPage Page { get; }

        /// <summary>The tab's navigation requests, redirects included, in order.</summary>
        public List<IRequest> Hops { get; } = [];

        public static async Task<World> StartAsync(Chromium chromium, string algorithm = "RS256")
        {
            var browser = chromium.Require();
            var portal = KestrelPortal.Start();
            var user = await ThirdPartySetup.NamedUserAsync(portal, FullName);
            var app = await AspNetCoreOidcApp.StartAsync(portal);
            var client = await ThirdPartySetup.ConfidentialClientAsync(portal, app.RedirectUri);
            await TestClients.AddPostLogoutRedirectUriAsync(portal.Factory, client.ClientId, app.PostLogoutRedirectUri);
            await TestClients.SetIdTokenSignedResponseAlgAsync(portal.Factory, client.ClientId, algorithm);
            app.UseClient(client);
            var context = await browser.NewContextAsync();
            context.SetDefaultTimeout(Chromium.Timeout);
            context.SetDefaultNavigationTimeout(Chromium.Timeout);
            return new World(portal, app, user, client, context, await context.NewPageAsync());
        }

        /// <summary>
        /// The protected page challenges, the portal asks for the password and the consent, the handler finishes;
        /// returns what the app's /profile says.
        /// </summary>
        public async Task<AspNetCoreOidcApp.Profile> SignInAsync()
        {
            await Page.GotoAsync(App.Origin + "/profile");
            await BrowserPortal.LogInHereAsync(Page, User.Email!);
            await Page.Locator("form#consent-form").WaitForAsync();
            await Page.ClickAsync("[data-test=accept]");
            await Assertions.Expect(Page).ToHaveURLAsync(App.Origin + "/profile");
            return JsonSerializer.Deserialize<AspNetCoreOidcApp.Profile>(
                await Page.EvaluateAsync<string>("async () => await (await fetch('/profile')).text()"))!;
        }

        public async ValueTask DisposeAsync()
        {
            await _context.DisposeAsync();
            await App.DisposeAsync();
            Portal.Dispose();
        }
    }
}
