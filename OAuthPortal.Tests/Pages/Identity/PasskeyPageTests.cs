using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>
/// Manage your account > Passkeys (list, rename, remove after asking), the passkey half of the login page, and their
/// errors. The WebAuthn ceremonies themselves run in Chromium (<c>PasskeyJourneyTests</c>); here passkeys are stored
/// directly, as a registration leaves them.
/// </summary>
public sealed class PasskeyPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string PasskeysPage = "/Identity/Account/Manage/Passkeys";
    private const string LoginPage = "/Identity/Account/Login";

    private async Task<string> AddStoredPasskeyAsync(PortalUser user, string name)
    {
        var credentialId = RandomNumberGenerator.GetBytes(32);
        await factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PortalUser>>();
            var stored = await users.FindByIdAsync(user.Id);
            var passkey = new UserPasskeyInfo(credentialId, RandomNumberGenerator.GetBytes(77), factory.Clock.GetUtcNow(), 0, ["internal"],
                isUserVerified: true, isBackupEligible: false, isBackedUp: false, attestationObject: [0xA0], clientDataJson: [0x7B, 0x7D]) { Name = name };
            Assert.True((await users.AddOrUpdatePasskeyAsync(stored!, passkey)).Succeeded);
        });
        return Convert.ToBase64String(credentialId).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private Task<List<AuditEvent>> AuditOfAsync(PortalUser user, AuditAction action) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == action && e.Target == "user:" + user.Email).ToListAsync());

    private Task<int> PasskeyCountAsync(PortalUser user) =>
        factory.WithScopeAsync(async s => (await s.GetRequiredService<UserManager<PortalUser>>().GetPasskeysAsync(
            (await s.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(user.Id))!)).Count);

    [Fact]
    public async Task PasskeysPage_NoPasskeys_SaysSoAndOffersToAddOneWithScriptFromAFile()
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);

        var (response, page) = await Html.GetPageAsync(browser, PasskeysPage);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull(page.QuerySelector("[data-test=passkeys-empty]"));
        var form = page.Form("[data-test=passkey-add-form]");
        Assert.Equal("create", form.GetAttribute("data-passkey"));
        Assert.Contains("handler=CreationOptions", form.GetAttribute("data-options-url"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Contains(page.QuerySelectorAll("script[src]"), s => s.GetAttribute("src")!.StartsWith("/js/passkeys", StringComparison.Ordinal));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Equal("nav-link active", page.QuerySelector("[data-test=nav-passkeys]")!.GetAttribute("class"));
    }

    [Fact]
    public async Task PasskeysPage_WithPasskeys_ListsEachByNameAndDate()
    {
        var user = await TestUsers.CreateAsync(factory);
        var laptop = await AddStoredPasskeyAsync(user, "Work laptop");
        await AddStoredPasskeyAsync(user, "Phone");
        var browser = await SignIn.ClientForAsync(factory, user.Email!);

        var (_, page) = await Html.GetPageAsync(browser, PasskeysPage);

        var passkeys = page.QuerySelectorAll("[data-test=passkey]");
        Assert.Equal(["Phone", "Work laptop"], passkeys.Select(p => p.QuerySelector("[data-test=passkey-name]")!.TextContent.Trim()).Order());
        Assert.All(passkeys, p => Assert.EndsWith("UTC", p.QuerySelector("[data-test=passkey-created]")!.TextContent.Trim()));
        Assert.Contains(passkeys, p => p.GetAttribute("data-passkey-id") == laptop);
    }

    [Fact]
    public async Task CreationOptions_SignedIn_ReturnsAChallengeForThisUserAndSiteWithoutCaching()
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        var (_, page) = await Html.GetPageAsync(browser, PasskeysPage);
        var form = page.Form("[data-test=passkey-add-form]");

        var response = await browser.PostAsync(form.GetAttribute("data-options-url"), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value)]));

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.True(response.Headers.CacheControl?.NoStore);
        using var options = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("localhost", options.RootElement.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal(user.Email, options.RootElement.GetProperty("user").GetProperty("name").GetString());
        Assert.True(options.RootElement.GetProperty("challenge").GetString()!.Length >= 43);
    }

    [Fact]
    public async Task CreationOptions_WithoutAntiforgeryToken_IsRefused()
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);

        var response = await browser.PostAsync(PasskeysPage + "?handler=CreationOptions", new FormUrlEncodedContent([]));

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
    }

    [Theory]
    [InlineData("NotAllowedError", "cancelled or timed out")]
    [InlineData("InvalidStateError", "already holds a passkey")]
    [InlineData("SecurityError", "refused this site address")]
    public async Task Add_BrowserCeremonyFailed_ExplainsWhyAndAddsNothing(string error, string explanation)
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        var (_, page) = await Html.GetPageAsync(browser, PasskeysPage);

        var response = await Html.SubmitAsync(browser, page.Form("[data-test=passkey-add-form]"), new Dictionary<string, string> { ["Error"] = error });

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Contains(explanation, (await Html.ParseAsync(response)).QuerySelector("[data-test=passkey-error]")!.TextContent);
        Assert.Equal(0, await PasskeyCountAsync(user));
    }

    [Fact]
    public async Task Add_CredentialWithoutACeremonyUnderway_SaysToTryAgainNot500()
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        var (_, page) = await Html.GetPageAsync(browser, PasskeysPage);

        var response = await Html.SubmitAsync(browser, page.Form("[data-test=passkey-add-form]"),
            new Dictionary<string, string> { ["CredentialJson"] = "{\"id\":\"x\",\"type\":\"public-key\"}" });

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Contains("try again", (await Html.ParseAsync(response)).QuerySelector("[data-test=passkey-error]")!.TextContent);
    }

    [Fact]
    public async Task Rename_NewName_RenamesItAndAuditsOldAndNewName()
    {
        var user = await TestUsers.CreateAsync(factory);
        var id = await AddStoredPasskeyAsync(user, "Security key");
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        var (_, page) = await Html.GetPageAsync(browser, PasskeysPage);
        var form = page.QuerySelector($"[data-passkey-id='{id}']")!.QuerySelector<IHtmlFormElement>("[data-test=rename-passkey-form]")!;

        var response = await Html.SubmitAsync(browser, form, new Dictionary<string, string> { ["name"] = "  YubiKey 5C  " });

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        var (_, after) = await Html.GetPageAsync(browser, PasskeysPage);
        Assert.Equal("YubiKey 5C", after.QuerySelector($"[data-passkey-id='{id}'] [data-test=passkey-name]")!.TextContent.Trim());
        var audit = Assert.Single(await AuditOfAsync(user, AuditAction.PasskeyRenamed));
        Assert.Equal("passkey: Security key -> YubiKey 5C", audit.Details);
        Assert.Equal(user.Email, audit.Actor);
    }

    [Fact]
    public async Task Rename_WithoutAntiforgeryToken_IsRefusedAndChangesNothing()
    {
        var user = await TestUsers.CreateAsync(factory);
        var id = await AddStoredPasskeyAsync(user, "Phone");
        var browser = await SignIn.ClientForAsync(factory, user.Email!);

        var response = await browser.PostAsync($"{PasskeysPage}?handler=Rename&id={id}", new FormUrlEncodedContent([new("name", "Stolen")]));

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Empty(await AuditOfAsync(user, AuditAction.PasskeyRenamed));
    }

    [Fact]
    public async Task Remove_AsksFirstNamingThePasskey_CancelKeepsIt()
    {
        var user = await TestUsers.CreateAsync(factory);
        var id = await AddStoredPasskeyAsync(user, "Old phone");
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        var (_, page) = await Html.GetPageAsync(browser, PasskeysPage);

        var (response, confirm) = await Html.GetPageAsync(browser, page.QuerySelector($"[data-passkey-id='{id}'] [data-test=remove-passkey]")!.GetAttribute("href")!);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("Old phone", confirm.QuerySelector("[data-test=remove-passkey-name]")!.TextContent);
        Assert.Contains("no longer be able to sign in with it", confirm.QuerySelector("[data-test=remove-passkey-consequences]")!.TextContent);
        Assert.EndsWith("/Identity/Account/Manage/Passkeys", confirm.QuerySelector("[data-test=cancel-remove-passkey]")!.GetAttribute("href"));
        Assert.Equal(1, await PasskeyCountAsync(user));
    }

    [Fact]
    public async Task Remove_Confirmed_RemovesItAndAuditsItsName()
    {
        var user = await TestUsers.CreateAsync(factory);
        var id = await AddStoredPasskeyAsync(user, "Old phone");
        await AddStoredPasskeyAsync(user, "Laptop");
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        var (_, confirm) = await Html.GetPageAsync(browser, $"/Identity/Account/Manage/RemovePasskey?id={id}");

        var response = await Html.SubmitAsync(browser, confirm.Form("[data-test=remove-passkey-form]"));

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal(1, await PasskeyCountAsync(user));
        Assert.Equal("passkey: Old phone", Assert.Single(await AuditOfAsync(user, AuditAction.PasskeyRemoved)).Details);
    }

    [Theory]
    [InlineData("not-base64url!")]
    [InlineData("AAAA")]
    public async Task Remove_UnknownOrMalformedId_GoesBackToTheListWithoutError(string id)
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);

        var response = await browser.GetAsync($"/Identity/Account/Manage/RemovePasskey?id={Uri.EscapeDataString(id)}");

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.EndsWith("/Identity/Account/Manage/Passkeys", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Remove_SomeoneElsesPasskey_RemovesNothing()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var id = await AddStoredPasskeyAsync(owner, "Owner's key");
        var intruder = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, intruder.Email!);
        var (_, page) = await Html.GetPageAsync(browser, PasskeysPage);

        var response = await browser.PostAsync($"/Identity/Account/Manage/RemovePasskey?id={id}", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", page.Form("[data-test=passkey-add-form]").QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value)]));

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal(1, await PasskeyCountAsync(owner));
        Assert.Empty(await AuditOfAsync(owner, AuditAction.PasskeyRemoved));
    }

    [Fact]
    public async Task LoginPage_OffersAPasskeyHiddenUntilScriptRunsAndAutofillForPasskeys()
    {
        var (_, page) = await Html.GetPageAsync(factory.CreateClient(), LoginPage);

        var form = page.Form("[data-test=passkey-form]");
        Assert.True(form.HasAttribute("hidden"));
        Assert.Equal("sign-in", form.GetAttribute("data-passkey"));
        Assert.Equal("username webauthn", page.QuerySelector("#Input_Email")!.GetAttribute("autocomplete"));
        Assert.NotNull(page.QuerySelector("form#account button[type=submit]"));
        Assert.Contains(page.QuerySelectorAll("script[src]"), s => s.GetAttribute("src")!.StartsWith("/js/passkeys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PasskeyRequestOptions_Anonymous_NameNoAccount()
    {
        var client = factory.CreateClient();
        var (_, page) = await Html.GetPageAsync(client, LoginPage);
        var form = page.Form("[data-test=passkey-form]");

        var response = await client.PostAsync(form.GetAttribute("data-options-url"), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value)]));

        Html.AssertStatus(HttpStatusCode.OK, response);
        using var options = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("localhost", options.RootElement.GetProperty("rpId").GetString());
        Assert.True(!options.RootElement.TryGetProperty("allowCredentials", out var allowed) || allowed.GetArrayLength() == 0);
    }

    [Theory]
    [InlineData("NotAllowedError", "", "cancelled or timed out")]
    [InlineData("SecurityError", "", "another site address")]
    [InlineData("", "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\"}", "took too long")]
    public async Task PasskeySignIn_Failed_ExplainsWhyWithAWayBackAndNoCookie(string error, string credential, string explanation)
    {
        var client = factory.CreateClient();
        var (_, page) = await Html.GetPageAsync(client, LoginPage + "?returnUrl=%2FAccount%2FApps");

        var response = await Html.SubmitAsync(client, page.Form("[data-test=passkey-form]"),
            new Dictionary<string, string> { ["Error"] = error, ["CredentialJson"] = credential });

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        var result = await Html.ParseAsync(response);
        Assert.Contains(explanation, result.QuerySelector("[data-test=passkey-signin-error]")!.TextContent);
        Assert.Contains("returnUrl=%2FAccount%2FApps", result.QuerySelector("[data-test=back-to-login]")!.GetAttribute("href"));
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970"));
    }

    [Fact]
    public async Task PasskeySignIn_UnknownCredentialAfterARealChallenge_SaysItIsNotRegistered()
    {
        var client = factory.CreateClient();
        var (_, page) = await Html.GetPageAsync(client, LoginPage);
        var form = page.Form("[data-test=passkey-form]");
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        Html.AssertStatus(HttpStatusCode.OK, await client.PostAsync(form.GetAttribute("data-options-url"), new FormUrlEncodedContent([new("__RequestVerificationToken", token)])));
        var clientData = Convert.ToBase64String("{\"type\":\"webauthn.get\",\"challenge\":\"AAAA\",\"origin\":\"http://localhost\"}"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var credential = """{"id":"AQIDBA","rawId":"AQIDBA","type":"public-key","response":{"clientDataJSON":"CLIENT_DATA","authenticatorData":"AAAA","signature":"AAAA","userHandle":null},"clientExtensionResults":{}}"""
            .Replace("CLIENT_DATA", clientData, StringComparison.Ordinal);

        var response = await Html.SubmitAsync(client, form, new Dictionary<string, string> { ["CredentialJson"] = credential });

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Contains("not registered", (await Html.ParseAsync(response)).QuerySelector("[data-test=passkey-signin-error]")!.TextContent);
    }
}
