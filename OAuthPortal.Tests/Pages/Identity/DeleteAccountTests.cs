using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>/Identity/Account/Manage/DeletePersonalData: what goes with an account, and never the last admin.</summary>
public sealed class DeleteAccountTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string PageUrl = "/Identity/Account/Manage/DeletePersonalData";

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient browser, string password)
    {
        var (_, page) = await Html.GetPageAsync(browser, PageUrl);
        return await Html.SubmitAsync(browser, page.Form("form#delete-user"), new Dictionary<string, string> { ["Input.Password"] = password });
    }

    [Fact]
    public async Task Delete_UserWithTokensAndClients_RemovesThemSignsOutAndIsAudited()
    {
        var (scenario, accessToken) = await AdminUi.UserWithTokenAsync(factory);
        var email = scenario.User.Email!;
        var owned = await DeveloperUi.CreateAsync(scenario.Browser);
        var (_, page) = await Html.GetPageAsync(scenario.Browser, PageUrl);
        Assert.Contains("1 client(s) you registered", page.QuerySelector("[data-test=owned-clients]")!.TextContent);
        Assert.Contains("active", page.QuerySelector("#personal-data")!.ClassList); // inside Identity's account-management layout

        var response = await DeleteAsync(scenario.Browser, TestUsers.Password);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var afterwards = await scenario.Browser.GetAsync("/Account/Apps"); // the same browser is signed out
        Html.AssertStatus(HttpStatusCode.Redirect, afterwards);
        Assert.Contains("/Identity/Account/Login", afterwards.Headers.Location!.OriginalString);
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", accessToken));
        var ownedClient = await TokenEndpoint.TokenAsync(factory.CreateClient(),
            new() { ["grant_type"] = "refresh_token", ["refresh_token"] = "unused" }, TokenEndpoint.Basic(owned.ClientId, owned.Secret!));
        Assert.Equal(("invalid_client", HttpStatusCode.Unauthorized), (ownedClient["error"], ownedClient.Response.StatusCode));
        Html.AssertStatus(HttpStatusCode.OK, await SignIn.PostLoginAsync(factory.CreateClient(), email, TestUsers.Password)); // the form again: no such user
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (_, audit) = await Html.GetPageAsync(admin, "/Admin/Audit?action=UserDeleted");
        Assert.Contains(audit.QuerySelectorAll("[data-test=audit-row]"),
            r => r.QuerySelector("[data-test=audit-target]")!.TextContent == $"user:{email}" && r.TextContent.Contains("deleted 1 client(s)"));
    }

    [Fact]
    public async Task Delete_WrongPassword_ShowsTheErrorAndKeepsTheAccount()
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);

        var response = await DeleteAsync(browser, "not-the-password");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("Incorrect password.", (await Html.ParseAsync(response)).QuerySelector("[data-test=delete-account-errors]")!.TextContent);
        await SignIn.ClientForAsync(factory, user.Email!);
    }

    [Fact]
    public async Task Delete_RepeatedWrongPasswords_LockSignInFromThatNetworkAsAtLogin()
    {
        using var own = PortalFactory.With(new Dictionary<string, string?> { ["Portal:MaxFailedAccessAttempts"] = "2" });
        var user = await TestUsers.CreateAsync(own);
        var browser = await SignIn.ClientForAsync(own, user.Email!);

        await DeleteAsync(browser, "wrong-1");
        var locked = await DeleteAsync(browser, "wrong-2");

        Assert.Contains("locked", (await Html.ParseAsync(locked)).QuerySelector("[data-test=delete-account-errors]")!.TextContent);
        var login = await SignIn.PostLoginAsync(own.CreateClient(), user.Email!, TestUsers.Password);
        Html.AssertStatus(HttpStatusCode.Redirect, login);
        Assert.Equal("/Identity/Account/Lockout", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Delete_LastActiveAdmin_IsRefusedWhileTheOnlyOtherAdminIsLockedThenAllowed()
    {
        using var own = new PortalFactory();
        var (admin, adminEmail) = await AdminUi.AdminAsync(own);
        var other = await TestUsers.CreateAsync(own, admin: true);
        await own.WithScopeAsync(async s => Assert.Equal(OAuthPortal.Management.Users.UserChangeResult.Done,
            await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<OAuthPortal.Management.Users.UserAdministration>(s)
                .SetLockedAsync(other.Id, locked: true, "test")));

        var refused = await DeleteAsync(admin, TestUsers.Password);

        Html.AssertStatus(HttpStatusCode.OK, refused);
        Assert.Contains("only administrator", (await Html.ParseAsync(refused)).QuerySelector("[data-test=delete-account-errors]")!.TextContent);
        Html.AssertStatus(HttpStatusCode.OK, await admin.GetAsync("/Admin"));

        await TestUsers.CreateAsync(own, admin: true);
        var deleted = await DeleteAsync(admin, TestUsers.Password);

        Html.AssertStatus(HttpStatusCode.Redirect, deleted);
        Html.AssertStatus(HttpStatusCode.OK, await SignIn.PostLoginAsync(own.CreateClient(), adminEmail, TestUsers.Password));
    }
}
