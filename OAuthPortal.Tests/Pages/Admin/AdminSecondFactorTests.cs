using System.Net;
using System.Text.Json;
using OAuthPortal.Identity;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>
/// Portal:RequireTwoFactorForAdmins: an administrator without a second factor is sent to set one up before any admin
/// page, and back to the page afterwards; users who are not administrators, and portals with the setting off, are not.
/// </summary>
public sealed class AdminSecondFactorTests : IDisposable
{
    private readonly PortalFactory _factory = PortalFactory.With(new Dictionary<string, string?> { ["Portal:RequireTwoFactorForAdmins"] = "true" });

    public void Dispose() => _factory.Dispose();

    private async Task<HttpClient> AdminBrowserAsync()
    {
        var admin = await TestUsers.CreateAsync(_factory, admin: true);
        return await SignIn.ClientForAsync(_factory, admin.Email!);
    }

    [Fact]
    public async Task AdminPage_AdminWithoutSecondFactor_IsSentToSetOneUpWithTheLocalReturnUrl()
    {
        var browser = await AdminBrowserAsync();

        var response = await browser.GetAsync("/Admin/Users?q=alice");

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal($"{TwoFactorUi.EnablePage}?returnUrl={Uri.EscapeDataString("/Admin/Users?q=alice")}", response.Headers.Location!.OriginalString);
        var (_, page) = await Html.GetPageAsync(browser, response.Headers.Location!.OriginalString);
        Assert.Contains("Administrators need a second factor", page.QuerySelector("[data-test=admin-requires-2fa]")!.TextContent);
    }

    [Fact]
    public async Task AdminPage_AfterSettingUpTheAuthenticator_TheRecoveryCodesLeadBackAndTheAdminPagesOpen()
    {
        var browser = await AdminBrowserAsync();
        var sent = (await browser.GetAsync("/Admin/Users?q=alice")).Headers.Location!.OriginalString;

        var (_, verified) = await TwoFactorUi.EnableAsync(browser, sent);

        var (_, codes) = await Html.GetPageAsync(browser, verified.Headers.Location!.OriginalString);
        Assert.Equal("/Admin/Users?q=alice", codes.QuerySelector("[data-test=continue]")!.GetAttribute("href"));
        Html.AssertStatus(HttpStatusCode.OK, await browser.GetAsync("/Admin/Users?q=alice"));
        Html.AssertStatus(HttpStatusCode.OK, await browser.GetAsync("/Admin"));
    }

    [Fact]
    public async Task AdminPage_SecondFactorTurnedOffAndOnAgain_GoesStraightBack()
    {
        var browser = await AdminBrowserAsync();
        await TwoFactorUi.EnableAsync(browser);
        var (_, disable) = await Html.GetPageAsync(browser, "/Identity/Account/Manage/Disable2fa");
        Assert.NotNull(disable.QuerySelector("[data-test=admin-loses-access]"));
        await Html.SubmitAsync(browser, disable.Form("form#disable-2fa-form"));
        var sent = (await browser.GetAsync("/Admin/Scopes")).Headers.Location!.OriginalString;

        var (_, verified) = await TwoFactorUi.EnableAsync(browser, sent); // recovery codes are left: no new ones to show

        Assert.Equal("/Admin/Scopes", verified.Headers.Location!.OriginalString);
        Html.AssertStatus(HttpStatusCode.OK, await browser.GetAsync("/Admin/Scopes"));
    }

    [Fact]
    public async Task AdminPost_AdminWithoutSecondFactor_IsRefusedAndSentToSetOneUp()
    {
        var browser = await AdminBrowserAsync();
        var (_, manage) = await Html.GetPageAsync(browser, "/Identity/Account/Manage");
        var token = manage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await browser.PostAsync("/Admin/Keys/Rotate", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal($"{TwoFactorUi.EnablePage}?returnUrl=%2FAdmin", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AdminPage_UserWhoIsNotAdmin_IsForbiddenNotSentToSetUp()
    {
        var user = await TestUsers.CreateAsync(_factory);
        var browser = await SignIn.ClientForAsync(_factory, user.Email!);

        Html.AssertStatus(HttpStatusCode.Forbidden, await browser.GetAsync("/Admin"));
    }

    [Fact]
    public async Task AdminPage_SettingOff_OpensWithoutSecondFactor()
    {
        using var factory = new PortalFactory();
        var admin = await TestUsers.CreateAsync(factory, admin: true);
        var browser = await SignIn.ClientForAsync(factory, admin.Email!);

        Html.AssertStatus(HttpStatusCode.OK, await browser.GetAsync("/Admin"));
    }

    [Fact]
    public void RequireTwoFactorForAdmins_IsOnByDefaultAndOffInDevelopment()
    {
        Assert.True(new PortalOptions().RequireTwoFactorForAdmins);
        using var shipped = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "appsettings.json")));
        Assert.True(shipped.RootElement.GetProperty("Portal").GetProperty("RequireTwoFactorForAdmins").GetBoolean());
        using var development = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "OAuthPortal", "appsettings.Development.json")));
        Assert.False(development.RootElement.GetProperty("Portal").GetProperty("RequireTwoFactorForAdmins").GetBoolean());
    }
}
