using Microsoft.Playwright;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Browser;

/// <summary>
/// Authenticator apps in headless Chromium: a user scans (reads) the key, enters the code an app would show (RFC 6238,
/// computed here), signs in again with password and code; an administrator without a second factor is made to set one
/// up before the admin dashboard, and lands on it afterwards. No page breaks the CSP (the QR code is server-side SVG).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorJourneyTests(Chromium chromium)
{
    private static async Task<string> SetUpAuthenticatorAsync(IPage page)
    {
        await page.Locator("[data-test=qr-code] svg").WaitForAsync();
        var key = (await page.Locator("[data-test=authenticator-key]").InnerTextAsync()).Trim();
        await page.FillAsync("#Input_Code", Totp.Code(key));
        await page.ClickAsync("[data-test=verify-code]");
        await page.Locator("[data-test=recovery-codes]").WaitForAsync();
        return key;
    }

    [SkippableFact]
    public async Task Totp_SetUpThenSignInWithPasswordAndCode()
    {
        await using var world = await BrowserPortal.StartAsync(chromium);
        var page = await world.NewPersonAsync();
        var email = Unique.Email("totp");
        await BrowserPortal.RegisterAsync(page, email);

        await page.GotoAsync("/Identity/Account/Manage");
        await page.ClickAsync("#two-factor");
        await page.ClickAsync("[data-test=enable-authenticator]");
        await page.SetViewportSizeAsync(390, 844); // a phone: the QR code and the key fit, no sideways scrolling
        await page.Locator("[data-test=qr-code] svg").WaitForAsync();
        var qrWidth = await page.Locator("[data-test=qr-code] svg").EvaluateAsync<double>("e => e.getBoundingClientRect().width");
        var scrollsSideways = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
        await page.SetViewportSizeAsync(1280, 900);
        var key = await SetUpAuthenticatorAsync(page);
        var codes = (await page.Locator("[data-test=recovery-codes]").InnerTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await page.ClickAsync("[data-test=continue]");
        await Assertions.Expect(page.Locator("[data-test=authenticator-status]")).ToHaveTextAsync("On");
        await page.ClickAsync("[data-test=nav-logout]");

        await page.GotoAsync("/Identity/Account/Login?returnUrl=%2FAccount%2FApps");
        await BrowserPortal.LogInHereAsync(page, email);
        await page.Locator("form#two-factor").WaitForAsync();
        await page.FillAsync("#Input_TwoFactorCode", Totp.Code(key));
        await page.ClickAsync("#two-factor-submit");

        await page.Locator("[data-test=nav-logout]").WaitForAsync();
        Assert.EndsWith("/Account/Apps", new Uri(page.Url).AbsolutePath);
        Assert.Equal(10, codes.Length);
        Assert.InRange(qrWidth, 150, 300);
        Assert.False(scrollsSideways);
        Assert.Empty(world.ConsoleErrors);
    }

    [SkippableFact]
    public async Task Admin_WithoutSecondFactor_SetsOneUpBeforeTheDashboard()
    {
        await using var world = await BrowserPortal.StartAsync(chromium, new Dictionary<string, string?> { ["Portal:RequireTwoFactorForAdmins"] = "true" });
        var admin = await TestUsers.CreateAsync(world.Portal.Factory, Unique.Email("admin"), admin: true);
        var page = await world.NewPersonAsync();

        await page.GotoAsync("/Admin");
        await BrowserPortal.LogInHereAsync(page, admin.Email!);
        await page.Locator("[data-test=admin-requires-2fa]").WaitForAsync();
        Assert.Contains("/Identity/Account/Manage/EnableAuthenticator", page.Url);
        await SetUpAuthenticatorAsync(page);
        await page.ClickAsync("[data-test=continue]");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Admin");
        await page.Locator("[data-test=counts]").WaitForAsync(); // the dashboard itself
        Assert.Equal(0, await page.Locator("[data-test=admin-requires-2fa]").CountAsync());
        Assert.Empty(world.ConsoleErrors);
    }
}
