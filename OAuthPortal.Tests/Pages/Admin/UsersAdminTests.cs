using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>/Admin/Users: search, Admin role (never the last admin), lock and unlock, a user's grants and tokens.</summary>
public sealed class UsersAdminTests
{
    private static string DetailsUrl(AngleSharp.Dom.IDocument list, string email) =>
        list.QuerySelector($"[data-test=user-row][data-email='{email}'] a")!.GetAttribute("href")!;

    /// <summary>Finds the user on the Users page, presses a button on their details page, returns the status message shown.</summary>
    private static async Task<string> PressOnUserAsync(HttpClient admin, string email, string button)
    {
        var (_, list) = await Html.GetPageAsync(admin, $"/Admin/Users?q={Uri.EscapeDataString(email)}");
        var response = await AdminUi.PressAsync(admin, DetailsUrl(list, email), button);
        var (_, page) = await Html.GetPageAsync(admin, response.Headers.Location!.OriginalString);
        return page.QuerySelector("[data-test=status-message]")!.TextContent;
    }

    [Fact]
    public async Task Search_ByEmailFragment_FindsTheUser()
    {
        using var factory = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var user = await TestUsers.CreateAsync(factory, Unique.Email("findme"));

        var (_, list) = await Html.GetPageAsync(admin, "/Admin/Users?q=findme");

        Assert.Equal([user.Email], list.QuerySelectorAll("[data-test=user-row]").Select(r => r.GetAttribute("data-email")));
    }

    [Fact]
    public async Task GrantAndRemoveAdmin_ChangesWhatTheUserMayOpenAndIsAudited()
    {
        using var factory = new PortalFactory();
        var (admin, adminEmail) = await AdminUi.AdminAsync(factory);
        var user = await TestUsers.CreateAsync(factory);
        var (_, list) = await Html.GetPageAsync(admin, $"/Admin/Users?q={Uri.EscapeDataString(user.Email!)}");
        var details = DetailsUrl(list, user.Email!);

        await AdminUi.PressAsync(admin, details, "toggle-admin");
        var promoted = await SignIn.ClientForAsync(factory, user.Email!);
        Html.AssertStatus(HttpStatusCode.OK, await promoted.GetAsync("/Admin"));

        await AdminUi.PressAsync(admin, details, "toggle-admin");
        var demoted = await SignIn.ClientForAsync(factory, user.Email!);
        Html.AssertStatus(HttpStatusCode.Forbidden, await demoted.GetAsync("/Admin"));

        var (_, audit) = await Html.GetPageAsync(admin, $"/Admin/Audit?actor={Uri.EscapeDataString(adminEmail)}");
        var actions = audit.QuerySelectorAll("[data-test=audit-row]").Select(r => r.GetAttribute("data-action")).ToList();
        Assert.Contains("AdminRoleGranted", actions);
        Assert.Contains("AdminRoleRemoved", actions);
    }

    [Fact]
    public async Task RemoveAdmin_LastAdmin_IsRefused()
    {
        using var factory = new PortalFactory();
        var (admin, adminEmail) = await AdminUi.AdminAsync(factory);

        var message = await PressOnUserAsync(admin, adminEmail, "toggle-admin");

        Assert.Contains("no active administrator left", message);
        Html.AssertStatus(HttpStatusCode.OK, await admin.GetAsync("/Admin"));
    }

    [Fact]
    public async Task RemoveAdmin_TheOnlyOtherAdminIsLocked_IsRefused()
    {
        using var factory = new PortalFactory();
        var (admin, adminEmail) = await AdminUi.AdminAsync(factory);
        var other = await TestUsers.CreateAsync(factory, admin: true);
        await PressOnUserAsync(admin, other.Email!, "toggle-lock");

        var message = await PressOnUserAsync(admin, adminEmail, "toggle-admin");

        Assert.Contains("no active administrator left", message);
        Html.AssertStatus(HttpStatusCode.OK, await admin.GetAsync("/Admin"));
    }

    [Fact]
    public async Task Lock_UserWithAnAppToken_TheTokenStopsWorkingAtOnce()
    {
        using var factory = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (scenario, accessToken) = await AdminUi.UserWithTokenAsync(factory);
        var before = await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", accessToken);

        await PressOnUserAsync(admin, scenario.User.Email!, "toggle-lock");
        var after = await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", accessToken);

        Html.AssertStatus(HttpStatusCode.OK, before);
        Html.AssertStatus(HttpStatusCode.Unauthorized, after);
    }

    [Fact]
    public async Task LockThenUnlock_StopsAndRestoresSignIn()
    {
        using var factory = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var user = await TestUsers.CreateAsync(factory);
        var (_, list) = await Html.GetPageAsync(admin, $"/Admin/Users?q={Uri.EscapeDataString(user.Email!)}");
        var details = DetailsUrl(list, user.Email!);

        await AdminUi.PressAsync(admin, details, "toggle-lock");
        var locked = await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, TestUsers.Password);
        await AdminUi.PressAsync(admin, details, "toggle-lock");
        var unlocked = await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, TestUsers.Password);

        Assert.Equal("/Identity/Account/Lockout", locked.Headers.Location!.OriginalString);
        Assert.Equal("/", unlocked.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Details_UserWithAGrant_ShowsTheGrantAndTheTokens()
    {
        using var factory = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (scenario, _) = await AdminUi.UserWithTokenAsync(factory);
        var (_, list) = await Html.GetPageAsync(admin, $"/Admin/Users?q={Uri.EscapeDataString(scenario.User.Email!)}");

        var (_, page) = await Html.GetPageAsync(admin, DetailsUrl(list, scenario.User.Email!));

        Assert.NotNull(page.QuerySelector($"[data-test=grant][data-client-id='{scenario.ClientId}']"));
        Assert.Single(page.QuerySelectorAll("[data-test=token-row]"));
        Assert.Null(page.QuerySelector("[data-test=more-tokens]"));
    }

    [Fact]
    public async Task Details_UserWithMoreTokensThanAPage_ShowsTheNewestAndLinksToTheSearch()
    {
        using var factory = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1);
        var refresh = (await TokenEndpoint.ObtainTokensAsync(scenario))["refresh_token"]!;
        for (var i = 0; i < 25; i++) // 26 tokens in all: each refresh issues a new one
        {
            refresh = (await TokenEndpoint.TokenAsync(factory.CreateClient(), OAuthPortal.Tests.Protocol.Token.AuthorizationCodeGrantTests.RefreshForm(scenario, refresh)))["refresh_token"]!;
        }

        var (_, list) = await Html.GetPageAsync(admin, $"/Admin/Users?q={Uri.EscapeDataString(scenario.User.Email!)}");
        var (_, page) = await Html.GetPageAsync(admin, DetailsUrl(list, scenario.User.Email!));

        Assert.Equal(25, page.QuerySelectorAll("[data-test=token-row]").Length);
        var more = page.QuerySelector("[data-test=more-tokens]")!;
        Assert.Contains("25 of 26", more.TextContent);
        var (_, all) = await Html.GetPageAsync(admin, more.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Contains("26 in all", all.QuerySelector("[data-test=pager-summary]")!.TextContent);
        Assert.All(all.QuerySelectorAll("[data-test=token-row]"), r => Assert.Contains(scenario.User.Email!, r.TextContent));
    }
}
