using Duende.IdentityModel.OidcClient;
using Duende.IdentityModel.OidcClient.Results;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Playwright;
using OAuthPortal.Data;
using OAuthPortal.Tests.Browser;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// Duende.IdentityModel.OidcClient, a certified OpenID Connect client library for native apps, against the real
/// portal on Kestrel as a public client on a loopback redirect URI (RFC 8252): discovery, the code flow with PKCE,
/// the id_token checked against the portal's JWKS, UserInfo, refresh with <c>offline_access</c>. The browser part
/// is a Chromium tab (<see cref="ChromiumLoginBrowser"/>); every protocol request and check is OidcClient's, under its
/// default policy (https except on loopback, issuer equal to the authority, every endpoint under it, a key set,
/// signed id_tokens).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OidcClientTests(Chromium chromium)
{
    private const string FullName = "Grace Hopper";
    private const string Scopes = "openid profile email offline_access";

    [SkippableTheory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task OidcClientLogin_PublicClientWithPkce_ValidatesIdTokenAndLoadsUserInfo(string algorithm)
    {
        await using var world = await World.StartAsync(chromium, algorithm);

        var login = await world.Client.LoginAsync(new LoginRequest());

        Assert.False(login.IsError, $"{login.Error} {login.ErrorDescription}");
        var request = await PushedRequests.SentParametersAsync(world.Factory, world.Browser.StartUrls.Single()); // OidcClient pushes them (PAR)
        Assert.Equal(Scopes, request["scope"].ToString());
        Assert.Equal("S256", request["code_challenge_method"].ToString());
        // OidcClient 7 sends no nonce (PKCE binds the code to this login), so the id_token must carry none either.
        Assert.False(request.ContainsKey("nonce"));
        var idToken = new JsonWebToken(login.IdentityToken);
        Assert.Equal(algorithm, idToken.Alg);
        Assert.False(idToken.TryGetPayloadValue<string>("nonce", out _));
        Assert.False(idToken.TryGetPayloadValue<string>("name", out _));
        // The user OidcClient built: sub from the validated id_token, name and email from UserInfo.
        Assert.Equal(world.User.Id, login.User.FindFirst("sub")?.Value);
        Assert.Equal(FullName, login.User.FindFirst("name")?.Value);
        Assert.Equal(world.User.Email, login.User.FindFirst("email")?.Value);
        Assert.False(string.IsNullOrEmpty(login.AccessToken));
        Assert.False(string.IsNullOrEmpty(login.RefreshToken)); // offline_access was granted
    }

    [SkippableFact]
    public async Task OidcClientRefresh_OfflineAccess_RotatesTokensWithAValidIdTokenAndUserInfoAnswers()
    {
        await using var world = await World.StartAsync(chromium);
        var login = await world.Client.LoginAsync(new LoginRequest());
        Assert.False(login.IsError, $"{login.Error} {login.ErrorDescription}");

        var refreshed = await world.Client.RefreshTokenAsync(login.RefreshToken);

        Assert.False(refreshed.IsError, $"{refreshed.Error} {refreshed.ErrorDescription}");
        Assert.NotEqual(login.AccessToken, refreshed.AccessToken);
        Assert.False(string.IsNullOrEmpty(refreshed.RefreshToken));
        Assert.NotEqual(login.RefreshToken, refreshed.RefreshToken);
        // OidcClient validated it (signature, issuer, audience, lifetime, sub unchanged); a refresh's id_token has no nonce.
        var idToken = new JsonWebToken(refreshed.IdentityToken);
        Assert.Equal(world.User.Id, idToken.Subject);
        Assert.False(idToken.TryGetPayloadValue<string>("nonce", out _));

        var userInfo = await world.Client.GetUserInfoAsync(refreshed.AccessToken);
        Assert.False(userInfo.IsError, $"{userInfo.Error}");
        Assert.Equal(world.User.Id, userInfo.Claims.Single(c => c.Type == "sub").Value);
        Assert.Equal(FullName, userInfo.Claims.Single(c => c.Type == "name").Value);
        Assert.Equal(world.User.Email, userInfo.Claims.Single(c => c.Type == "email").Value);

        var replay = await world.Client.RefreshTokenAsync(login.RefreshToken);
        Assert.True(replay.IsError);
        Assert.Equal("invalid_grant", replay.Error);
    }

    [SkippableFact]
    public async Task OidcClientLogout_IdTokenHintAndRegisteredLoopbackUri_PortalSessionEndsAndTheAppGetsItsState()
    {
        await using var world = await World.StartAsync(chromium);
        var login = await world.Client.LoginAsync(new LoginRequest());
        Assert.False(login.IsError, $"{login.Error} {login.ErrorDescription}");
        world.Browser.Person = null; // a hint for the signed-in user and a registered URI: nothing to answer

        var logout = await world.Client.LogoutAsync(new LogoutRequest { IdTokenHint = login.IdentityToken, State = "bye-42" });

        Assert.False(logout.IsError, logout.Error);
        var request = QueryHelpers.ParseQuery(new Uri(world.Browser.StartUrls.Last()).Query);
        Assert.Equal(world.PostLogoutRedirectUri, request["post_logout_redirect_uri"].ToString());
        Assert.StartsWith(world.PostLogoutRedirectUri + "?", logout.Response);
        Assert.Equal("bye-42", QueryHelpers.ParseQuery(new Uri(logout.Response).Query)["state"].ToString());
        await world.Browser.Page.GotoAsync(world.PortalOrigin + "/");
        await Assertions.Expect(world.Browser.Page.Locator("[data-test=nav-logout]")).ToHaveCountAsync(0);
        await Assertions.Expect(world.Browser.Page.Locator("a[href='/Identity/Account/Login']")).Not.ToHaveCountAsync(0);
    }

    /// <summary>The portal, a user with a name, a public client on a loopback listener, and OidcClient with a Chromium tab.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly KestrelPortal _portal;
        private readonly CallbackListener _callback;
        private readonly IBrowserContext _context;

        private World(KestrelPortal portal, CallbackListener callback, IBrowserContext context, PortalUser user, ChromiumLoginBrowser browser, OidcClient client)
        {
            _portal = portal;
            _callback = callback;
            _context = context;
            User = user;
            Browser = browser;
            Client = client;
        }

        public PortalUser User { get; }

        public string PortalOrigin => _portal.Origin;

        public PortalFactory Factory => _portal.Factory;

        /// <summary>The loopback listener's /callback again: registered as the client's post-logout redirect URI too.</summary>
        public string PostLogoutRedirectUri => _callback.RedirectUri;

        public ChromiumLoginBrowser Browser { get; }

        public OidcClient Client { get; }

        public static async Task<World> StartAsync(Chromium chromium, string algorithm = "RS256")
        {
            var chrome = chromium.Require();
            var portal = KestrelPortal.Start();
            var callback = await CallbackListener.StartAsync();
            var context = await chrome.NewContextAsync();
            context.SetDefaultTimeout(Chromium.Timeout);
            context.SetDefaultNavigationTimeout(Chromium.Timeout);
            var user = await ThirdPartySetup.NamedUserAsync(portal, FullName);
            var developer = await TestUsers.CreateAsync(portal.Factory);
            var client = await TestClients.RegisterAsync(portal.Factory, developer.Id, ClientType.Public, callback.RedirectUri);
            await TestClients.SetIdTokenSignedResponseAlgAsync(portal.Factory, client.ClientId, algorithm);
            await TestClients.AddPostLogoutRedirectUriAsync(portal.Factory, client.ClientId, callback.RedirectUri);
            var browser = new ChromiumLoginBrowser(await context.NewPageAsync(), async page =>
            {
                await BrowserPortal.LogInHereAsync(page, user.Email!);
                await page.Locator("form#consent-form").WaitForAsync();
                await page.ClickAsync("[data-test=accept]");
            });
            return new World(portal, callback, context, user, browser, new OidcClient(new OidcClientOptions
            {
                Authority = portal.Origin,
                ClientId = client.ClientId,
                Scope = Scopes,
                RedirectUri = callback.RedirectUri,
                PostLogoutRedirectUri = callback.RedirectUri,
                Browser = browser,
                IdentityTokenValidator = new JwksIdentityTokenValidator(),
            }));
        }

        public async ValueTask DisposeAsync()
        {
            await _context.DisposeAsync();
            await _callback.DisposeAsync();
            _portal.Dispose();
        }
    }
}
