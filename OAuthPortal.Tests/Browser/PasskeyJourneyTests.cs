using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OAuthPortal.Data;
using OAuthPortal.Management.Scopes;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Browser;

/// <summary>
/// Passkeys in headless Chromium with a virtual authenticator (Chrome DevTools Protocol WebAuthn domain: CTAP2,
/// internal transport, resident keys, user verification): register one under Manage your account, sign out, sign in
/// with it through an authorization request, and the id_token's amr says a verified key was used. The portal is opened
/// as http://localhost:PORT: browsers refuse passkeys on IP-address hosts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PasskeyJourneyTests(Chromium chromium)
{
    private static string Local(BrowserPortal world) => $"http://localhost:{world.Portal.BaseAddress.Port}";

    /// <summary>A person whose browser has a platform authenticator that verifies the user (like a laptop with a fingerprint reader).</summary>
    private static async Task<IPage> PersonWithAuthenticatorAsync(BrowserPortal world)
    {
        var page = await world.NewPersonAsync();
        var devtools = await page.Context.NewCDPSessionAsync(page);
        await devtools.SendAsync("WebAuthn.enable");
        await devtools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true, ["hasUserVerification"] = true,
                ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
        return page;
    }

    /// <summary>Signs in with the password and registers a passkey named <paramref name="name"/> on the Passkeys page, then signs out.</summary>
    private static async Task RegisterPasskeyAsync(BrowserPortal world, IPage page, string email, string name)
    {
        await page.GotoAsync(Local(world) + "/Identity/Account/Login");
        await BrowserPortal.LogInHereAsync(page, email);
        await page.Locator("[data-test=nav-logout]").WaitForAsync();
        await page.GotoAsync(Local(world) + "/Identity/Account/Manage/Passkeys");
        await page.FillAsync("[data-test=passkey-name-input]", name);
        await page.ClickAsync("[data-test=add-passkey]");
        await Assertions.Expect(page.Locator("[data-test=passkey-name]")).ToHaveTextAsync(name);
        await page.ClickAsync("[data-test=nav-logout]");
        await page.Locator("[data-test=nav-login]").Or(page.Locator("form#account")).First.WaitForAsync();
    }

    /// <summary>On the login page: the passkey button (conditional UI may have signed in already; then there is nothing to press).</summary>
    private static async Task SignInWithPasskeyAsync(IPage page, ILocator after)
    {
        var button = page.Locator("[data-test=passkey-signin]");
        await button.Or(after).First.WaitForAsync();
        if (await button.IsVisibleAsync())
        {
            try
            {
                await button.ClickAsync(new LocatorClickOptions { Timeout = 5_000 });
            }
            catch (PlaywrightException)
            {
                // Conditional UI may have signed in (and navigated away) on its own between the check and the click.
            }
        }

        await after.WaitForAsync();
    }

    [SkippableFact]
    public async Task Passkey_RegisteredThenUsedToSignInForAnApp_IdTokenSaysAVerifiedKeyWasUsed()
    {
        await using var world = await BrowserPortal.StartAsync(chromium);
        await using var callback = await CallbackListener.StartAsync();
        var factory = world.Portal.Factory;
        var user = await TestUsers.CreateAsync(factory, Unique.Email("passkey"));
        var client = await TestClients.RegisterAsync(factory, user.Id, redirectUris: callback.RedirectUri);
        await factory.WithScopeAsync(s => s.GetRequiredService<ScopeCatalog>().CreateAsync("openid", "Sign you in"));
        var page = await PersonWithAuthenticatorAsync(world);

        await RegisterPasskeyAsync(world, page, user.Email!, "Test laptop");
        await page.GotoAsync(Local(world) + QueryHelpers.AddQueryString("/oauth2/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = client.ClientId, ["redirect_uri"] = callback.RedirectUri, ["scope"] = "openid",
            ["state"] = "passkey-state", ["nonce"] = "passkey-nonce", ["code_challenge"] = OAuthScenario.Challenge, ["code_challenge_method"] = "S256",
        }));
        await SignInWithPasskeyAsync(page, page.Locator("form#consent-form"));
        await page.ClickAsync("[data-test=accept]");
        var received = await callback.ReceivedAsync();
        var tokens = await world.ExchangeAsync(new BrowserPortal.RegisteredClient(client.ClientId, client.ClientSecret!, ""), received["code"],
            callback.RedirectUri, OAuthScenario.Verifier);
        var idToken = tokens.GetProperty("id_token").GetString()!;
        var payload = JsonSerializer.Deserialize<JsonElement>(Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(idToken.Split('.')[1])));
        var added = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditAction.PasskeyAdded && e.Target == "user:" + user.Email).ToListAsync());

        Assert.Equal(["pop", "mfa"], payload.GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(user.Id, payload.GetProperty("sub").GetString());
        Assert.Equal("passkey: Test laptop", Assert.Single(added).Details);
        Assert.Empty(world.ConsoleErrors);
    }

    [SkippableFact]
    public async Task Passkey_OfALockedAccount_DoesNotSignIn()
    {
        await using var world = await BrowserPortal.StartAsync(chromium);
        var factory = world.Portal.Factory;
        var user = await TestUsers.CreateAsync(factory, Unique.Email("locked"));
        var page = await PersonWithAuthenticatorAsync(world);
        await RegisterPasskeyAsync(world, page, user.Email!, "Phone");
        await factory.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<PortalUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id))!, DateTimeOffset.MaxValue);
        });

        await page.GotoAsync(Local(world) + "/Identity/Account/Login");
        await SignInWithPasskeyAsync(page, page.Locator("[data-test=lockout-title]"));

        Assert.Equal(0, await page.Locator("[data-test=nav-logout]").CountAsync());
    }
}
