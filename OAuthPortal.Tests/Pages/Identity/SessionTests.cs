using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>
/// Sign-in sessions are kept on the server: a cookie is only as good as its session, which logout, a password change,
/// "sign out everywhere", ending it on the Sessions page, or an admin's lock ends at once.
/// </summary>
public sealed class SessionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ManagePage = "/Identity/Account/Manage";
    private const string SessionsPage = "/Identity/Account/Manage/Sessions";
    private const string Firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private const string Safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
    private static readonly Uri Portal = new("https://localhost");

    private static async Task AssertSignedInAsync(HttpClient browser) => Html.AssertStatus(HttpStatusCode.OK, await browser.GetAsync(ManagePage));

    private static async Task AssertSignedOutAsync(HttpClient browser)
    {
        var response = await browser.GetAsync(ManagePage);
        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Logout_ACookieSavedBeforehand_NoLongerSignsIn()
    {
        var user = await TestUsers.CreateAsync(factory);
        var (browser, cookies) = await SignIn.BrowserWithCookiesAsync(factory, user.Email!);
        var saved = cookies.GetCookieHeader(Portal);
        await AssertSignedInAsync(SignIn.WithCookies(factory, saved));

        Html.AssertStatus(HttpStatusCode.Redirect, await DeveloperUi.PressAsync(browser, "/", "nav-logout"));

        await AssertSignedOutAsync(SignIn.WithCookies(factory, saved));
    }

    [Fact]
    public async Task ChangePassword_EndsEveryOtherSessionAtOnceAndKeepsThisOne()
    {
        var user = await TestUsers.CreateAsync(factory);
        var (here, _) = await SignIn.BrowserWithCookiesAsync(factory, user.Email!);
        var (elsewhere, _) = await SignIn.BrowserWithCookiesAsync(factory, user.Email!);
        var (_, page) = await Html.GetPageAsync(here, "/Identity/Account/Manage/ChangePassword");

        var changed = await Html.SubmitAsync(here, page.Form("form#change-password-form"), new Dictionary<string, string>
        {
            ["Input.OldPassword"] = TestUsers.Password, ["Input.NewPassword"] = "N3w-Passw0rd!", ["Input.ConfirmPassword"] = "N3w-Passw0rd!",
        });

        Html.AssertStatus(HttpStatusCode.Redirect, changed);
        await AssertSignedInAsync(here);
        await AssertSignedOutAsync(elsewhere);
    }

    [Fact]
    public async Task Sessions_Page_ListsEachSessionWithItsDeviceAddressAndLastSeenAndMarksThisOne()
    {
        var user = await TestUsers.CreateAsync(factory);
        var (firefox, _) = await SignIn.BrowserWithCookiesAsync(factory, user.Email!, Firefox);
        await SignIn.BrowserWithCookiesAsync(factory, user.Email!, Safari);

        var (response, page) = await Html.GetPageAsync(firefox, SessionsPage);

        Html.AssertStatus(HttpStatusCode.OK, response);
        var sessions = page.QuerySelectorAll("[data-test=session]");
        Assert.Equal(2, sessions.Length);
        Assert.Equal(["Firefox on Windows", "Safari on iPhone"],
            sessions.Select(s => s.QuerySelector("[data-test=session-device]")!.TextContent.Trim()).Order());
        var current = Assert.Single(sessions, s => s.QuerySelector("[data-test=session-current]") is not null);
        Assert.Equal("Firefox on Windows", current.QuerySelector("[data-test=session-device]")!.TextContent.Trim());
        Assert.All(sessions, s => Assert.Contains("UTC", s.QuerySelector("[data-test=session-last-seen]")!.TextContent));
        Assert.NotNull(page.QuerySelector("[data-test=nav-sessions]"));
    }

    [Fact]
    public async Task Sessions_EndAnotherSession_SignsThatBrowserOutAtOnce()
    {
        var user = await TestUsers.CreateAsync(factory);
        var (here, _) = await SignIn.BrowserWithCookiesAsync(factory, user.Email!, Firefox);
        var (phone, _) = await SignIn.BrowserWithCookiesAsync(factory, user.Email!, Safari);
        var (_, page) = await Html.GetPageAsync(here, SessionsPage);
        var other = page.QuerySelectorAll("[data-test=session]").Single(s => s.QuerySelector("[data-test=session-current]") is null);
        var end = other.QuerySelector<IHtmlButtonElement>("[data-test=end-session]")!;

        Html.AssertStatus(HttpStatusCode.Redirect, await Html.SubmitAsync(here, (IHtmlFormElement)end.Form!, submitter: end));

        await AssertSignedOutAsync(phone);
        await AssertSignedInAsync(here);
        var (_, after) = await Html.GetPageAsync(here, SessionsPage);
        Assert.Single(after.QuerySelectorAll("[data-test=session]"));
    }

    [Fact]
    public async Task Sessions_SignOutEverywhereElse_KeepsOnlyThisBrowser()
    {
        var user = await TestUsers.CreateAsync(factory);
        var (here, _) = await SignIn.BrowserWithCookiesAsync(factory, user.Email!);
        var (second, _) = await SignIn.BrowserWithCookiesAsync(factory, user.Email!);
        var (third, _) = await SignIn.BrowserWithCookiesAsync(factory, user.Email!);

        Html.AssertStatus(HttpStatusCode.Redirect, await DeveloperUi.PressAsync(here, SessionsPage, "end-other-sessions"));

        await AssertSignedOutAsync(second);
        await AssertSignedOutAsync(third);
        await AssertSignedInAsync(here);
    }

    [Fact]
    public async Task Sessions_EndingSomeoneElsesSession_ChangesNothing()
    {
        var victim = await TestUsers.CreateAsync(factory);
        var (victimBrowser, _) = await SignIn.BrowserWithCookiesAsync(factory, victim.Email!);
        var victimSession = await factory.WithScopeAsync(s =>
            s.GetRequiredService<PortalDbContext>().UserSessions.Where(x => x.UserId == victim.Id).Select(x => x.Id).SingleAsync());
        var intruder = await TestUsers.CreateAsync(factory);
        var (intruderBrowser, _) = await SignIn.BrowserWithCookiesAsync(factory, intruder.Email!);
        var (_, page) = await Html.GetPageAsync(intruderBrowser, SessionsPage);
        var form = page.QuerySelector<IHtmlButtonElement>("[data-test=end-session]")!.Form!;
        form.Action = $"{SessionsPage}?handler=End&id={victimSession}";

        var response = await Html.SubmitAsync(intruderBrowser, form);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Null(await factory.WithScopeAsync(s =>
            s.GetRequiredService<PortalDbContext>().UserSessions.Where(x => x.Id == victimSession).Select(x => x.EndedAt).SingleAsync()));
        await AssertSignedInAsync(victimBrowser);
        await AssertSignedInAsync(intruderBrowser);
    }

    [Fact]
    public async Task AdminLock_EndsTheUsersSessionsAtOnce()
    {
        var user = await TestUsers.CreateAsync(factory);
        var (browser, _) = await SignIn.BrowserWithCookiesAsync(factory, user.Email!);
        var (admin, _) = await AdminUi.AdminAsync(factory);

        Html.AssertStatus(HttpStatusCode.Redirect, await AdminUi.PressAsync(admin, $"/Admin/Users/Details/{user.Id}", "toggle-lock"));

        await AssertSignedOutAsync(browser);
    }

    [Fact]
    public async Task Session_AfterTheSecurityStampRecheck_StillWorks()
    {
        using var own = new PortalFactory();
        var user = await TestUsers.CreateAsync(own);
        var (browser, _) = await SignIn.BrowserWithCookiesAsync(own, user.Email!);

        own.Clock.Advance(TimeSpan.FromMinutes(2)); // past the 1-minute security-stamp check: Identity rebuilds the principal
        await AssertSignedInAsync(browser);
        own.Clock.Advance(TimeSpan.FromMinutes(2));
        await AssertSignedInAsync(browser);

        var (_, page) = await Html.GetPageAsync(browser, SessionsPage);
        Assert.NotNull(page.QuerySelector("[data-test=session-current]"));
    }
}
