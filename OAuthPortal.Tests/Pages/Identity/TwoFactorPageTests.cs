using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>
/// Authenticator apps under Manage your account: the QR code and key, verifying the first code, recovery codes shown
/// once, new codes, reset and turning it off, each audited.
/// </summary>
public sealed class TwoFactorPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ManagePage = "/Identity/Account/Manage/TwoFactorAuthentication";

    private async Task<(PortalUser User, HttpClient Browser)> SignedInAsync()
    {
        var user = await TestUsers.CreateAsync(factory);
        return (user, await SignIn.ClientForAsync(factory, user.Email!));
    }

    private Task<bool> TwoFactorEnabledAsync(PortalUser user) =>
        factory.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<PortalUser>>();
            return await users.GetTwoFactorEnabledAsync((await users.FindByIdAsync(user.Id))!);
        });

    [Fact]
    public async Task EnableAuthenticator_Get_ShowsAServerSideSvgQrCodeAndTheGroupedKeyUncached()
    {
        var (_, browser) = await SignedInAsync();

        var (response, page) = await Html.GetPageAsync(browser, TwoFactorUi.EnablePage);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var svg = page.QuerySelector("[data-test=qr-code] svg");
        Assert.NotNull(svg);
        Assert.NotNull(svg.QuerySelector("path"));
        Assert.Empty(page.QuerySelectorAll("[data-test=qr-code] [style], [data-test=qr-code] script"));
        Assert.Matches("^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$", page.QuerySelector("[data-test=authenticator-key]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-copy='#authenticator-key']"));
        Assert.DoesNotContain("QR code generation", page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("one-time-code", page.QuerySelector("#Input_Code")!.GetAttribute("autocomplete"));
    }

    [Fact]
    public async Task EnableAuthenticator_RightCode_TurnsItOnShowsTenRecoveryCodesOnceAndAudits()
    {
        var (user, browser) = await SignedInAsync();

        var (_, verified) = await TwoFactorUi.EnableAsync(browser);

        Html.AssertStatus(HttpStatusCode.Redirect, verified);
        Assert.StartsWith("/Identity/Account/Manage/ShowRecoveryCodes", verified.Headers.Location!.OriginalString);
        var (shown, page) = await Html.GetPageAsync(browser, verified.Headers.Location!.OriginalString);
        Assert.True(shown.Headers.CacheControl!.NoStore);
        var codes = page.QuerySelector("[data-test=recovery-codes]")!.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, codes.Distinct().Count());
        var again = await browser.GetAsync(verified.Headers.Location!.OriginalString);
        Html.AssertStatus(HttpStatusCode.Redirect, again); // shown once: a reload has nothing to show
        Assert.True(await TwoFactorEnabledAsync(user));
        Assert.Contains(await TwoFactorUi.AuditAsync(factory, AuditAction.TwoFactorEnabled), e => e.Actor == user.Email && e.Target == $"user:{user.Email}");
        Assert.Contains(await TwoFactorUi.AuditAsync(factory, AuditAction.RecoveryCodesGenerated), e => e.Target == $"user:{user.Email}");
    }

    [Fact]
    public async Task EnableAuthenticator_WrongCode_OneErrorAndStaysOff()
    {
        var (user, browser) = await SignedInAsync();
        var (_, page) = await Html.GetPageAsync(browser, TwoFactorUi.EnablePage);
        var key = page.QuerySelector("[data-test=authenticator-key]")!.TextContent;

        var response = await Html.SubmitAsync(browser, page.Form("form#send-code"), new Dictionary<string, string> { ["Input.Code"] = Totp.WrongCode(key) });

        Html.AssertStatus(HttpStatusCode.OK, response);
        var again = await Html.ParseAsync(response);
        Assert.Contains("not right", again.QuerySelector("[data-test=code-error]")!.TextContent);
        Assert.Single(again.QuerySelectorAll(".text-danger, .alert-danger"), e => e.TextContent.Trim().Length > 0);
        Assert.Equal(key, again.QuerySelector("[data-test=authenticator-key]")!.TextContent); // the same key: the app keeps it
        Assert.False(await TwoFactorEnabledAsync(user));
    }

    [Fact]
    public async Task TwoFactorPage_ShowsStatusAndTheWaysToChangeIt()
    {
        var (_, browser) = await SignedInAsync();
        var (_, before) = await Html.GetPageAsync(browser, ManagePage);
        Assert.Equal("Not set up", before.QuerySelector("[data-test=authenticator-status]")!.TextContent);
        Assert.Null(before.QuerySelector("[data-test=disable-2fa]"));

        await TwoFactorUi.EnableAsync(browser);
        var (_, after) = await Html.GetPageAsync(browser, ManagePage);

        Assert.Equal("On", after.QuerySelector("[data-test=authenticator-status]")!.TextContent);
        Assert.Equal("10", after.QuerySelector("[data-test=recovery-codes-left]")!.TextContent);
        Assert.NotNull(after.QuerySelector("[data-test=disable-2fa]"));
        Assert.NotNull(after.QuerySelector("[data-test=reset-authenticator]"));
        Assert.NotNull(after.QuerySelector("[data-test=manage-nav] a[href$='/TwoFactorAuthentication'].active"));
    }

    [Fact]
    public async Task GenerateRecoveryCodes_Confirmed_ReplacesTheCodesAndAudits()
    {
        var (user, browser) = await SignedInAsync();
        await TwoFactorUi.EnableAsync(browser);
        var (_, page) = await Html.GetPageAsync(browser, "/Identity/Account/Manage/GenerateRecoveryCodes");
        Assert.Contains("stop working", page.QuerySelector("[data-test=generate-warning]")!.TextContent);
        Assert.Equal(ManagePage, page.QuerySelector("[data-test=cancel]")!.GetAttribute("href"));

        var generated = await Html.SubmitAsync(browser, page.Form("form#generate-recovery-codes"));

        Assert.StartsWith("/Identity/Account/Manage/ShowRecoveryCodes", generated.Headers.Location!.OriginalString);
        var (_, shown) = await Html.GetPageAsync(browser, generated.Headers.Location!.OriginalString);
        Assert.Equal(10, shown.QuerySelector("[data-test=recovery-codes]")!.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(2, (await TwoFactorUi.AuditAsync(factory, AuditAction.RecoveryCodesGenerated)).Count(e => e.Target == $"user:{user.Email}"));
    }

    [Fact]
    public async Task GenerateRecoveryCodes_WithoutTwoFactor_SendsBackWithAMessage()
    {
        var (_, browser) = await SignedInAsync();

        var response = await browser.GetAsync("/Identity/Account/Manage/GenerateRecoveryCodes");

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal(ManagePage, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Disable2fa_Confirmed_TurnsItOffAndAudits()
    {
        var (user, browser) = await SignedInAsync();
        await TwoFactorUi.EnableAsync(browser);
        var (_, page) = await Html.GetPageAsync(browser, "/Identity/Account/Manage/Disable2fa");
        Assert.Contains("password only", page.QuerySelector("[data-test=disable-warning]")!.TextContent);

        var response = await Html.SubmitAsync(browser, page.Form("form#disable-2fa-form"));

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.False(await TwoFactorEnabledAsync(user));
        Assert.Contains(await TwoFactorUi.AuditAsync(factory, AuditAction.TwoFactorDisabled), e => e.Actor == user.Email && e.Target == $"user:{user.Email}");
        var login = await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, TestUsers.Password);
        Assert.DoesNotContain("LoginWith2fa", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ResetAuthenticator_Confirmed_GivesANewKeyTurnsItOffAndAudits()
    {
        var (user, browser) = await SignedInAsync();
        var (oldKey, _) = await TwoFactorUi.EnableAsync(browser);
        var (_, page) = await Html.GetPageAsync(browser, "/Identity/Account/Manage/ResetAuthenticator");

        var response = await Html.SubmitAsync(browser, page.Form("form#reset-authenticator-form"));

        Assert.Equal(TwoFactorUi.EnablePage, response.Headers.Location!.OriginalString);
        Assert.False(await TwoFactorEnabledAsync(user));
        var (_, enable) = await Html.GetPageAsync(browser, TwoFactorUi.EnablePage);
        Assert.NotEqual(oldKey, enable.QuerySelector("[data-test=authenticator-key]")!.TextContent);
        Assert.Contains(await TwoFactorUi.AuditAsync(factory, AuditAction.AuthenticatorReset), e => e.Target == $"user:{user.Email}");
    }

    [Theory]
    [InlineData("/Identity/Account/Manage/Disable2fa", "form#disable-2fa-form")]
    [InlineData("/Identity/Account/Manage/ResetAuthenticator", "form#reset-authenticator-form")]
    [InlineData("/Identity/Account/Manage/GenerateRecoveryCodes", "form#generate-recovery-codes")]
    public async Task ChangingPosts_WithoutAntiforgeryToken_AreRefusedAndChangeNothing(string url, string form)
    {
        var (user, browser) = await SignedInAsync();
        await TwoFactorUi.EnableAsync(browser);
        var (_, page) = await Html.GetPageAsync(browser, url);
        var fields = Html.Fields(page.Form(form)).Where(f => f.Key != "__RequestVerificationToken");

        var response = await browser.PostAsync(url, new FormUrlEncodedContent(fields));

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.True(await TwoFactorEnabledAsync(user));
    }

    [Fact]
    public async Task EnableAuthenticator_ForeignReturnUrl_IsIgnored()
    {
        var (_, browser) = await SignedInAsync();

        var (_, verified) = await TwoFactorUi.EnableAsync(browser, TwoFactorUi.EnablePage + "?returnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal("/Identity/Account/Manage/ShowRecoveryCodes", verified.Headers.Location!.OriginalString);
        var (_, shown) = await Html.GetPageAsync(browser, verified.Headers.Location!.OriginalString);
        Assert.Equal(ManagePage, shown.QuerySelector("[data-test=continue]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task EnableAuthenticator_TakingMinutesToScan_KeepsTheUserSignedIn()
    {
        // A new key, and turning two-factor on, change the security stamp: this browser's cookie is refreshed, so the
        // stamp check (every minute) does not sign out the user who is setting it up. Its own factory: the clock moves.
        using var portal = new PortalFactory();
        var user = await TestUsers.CreateAsync(portal);
        var browser = await SignIn.ClientForAsync(portal, user.Email!);
        var (_, page) = await Html.GetPageAsync(browser, TwoFactorUi.EnablePage);
        var key = page.QuerySelector("[data-test=authenticator-key]")!.TextContent;
        portal.Clock.Advance(TimeSpan.FromMinutes(3));

        var verified = await Html.SubmitAsync(browser, page.Form("form#send-code"), new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });

        Assert.StartsWith("/Identity/Account/Manage/ShowRecoveryCodes", verified.Headers.Location!.OriginalString);
        portal.Clock.Advance(TimeSpan.FromMinutes(3));
        Html.AssertStatus(HttpStatusCode.OK, await browser.GetAsync(verified.Headers.Location!.OriginalString));
        portal.Clock.Advance(TimeSpan.FromMinutes(3));
        Html.AssertStatus(HttpStatusCode.OK, await browser.GetAsync(ManagePage));
    }
}
