using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>/Admin/Users/Create and /Admin/Users/ResetPassword: a temporary password shown once (not cached), audited.</summary>
public sealed class UserAccountsAdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static async Task<HttpResponseMessage> CreateAsync(HttpClient admin, string email, bool asAdmin)
    {
        var (_, page) = await Html.GetPageAsync(admin, "/Admin/Users/Create");
        var values = new Dictionary<string, string> { ["Input.Email"] = email };
        if (asAdmin)
        {
            values["Input.Admin"] = "true";
        }

        return await Html.SubmitAsync(admin, page.Form("form#create-user"), values);
    }

    private static string Shown(IDocument page) => page.QuerySelector("[data-test=temporary-password]")!.TextContent.Trim();

    [Fact]
    public async Task Create_WithTheAdminRole_ShowsATemporaryPasswordOnceThatSignsInAsAnAdmin()
    {
        var (admin, adminEmail) = await AdminUi.AdminAsync(factory);
        var email = Unique.Email("created");

        var response = await CreateAsync(admin, email, asAdmin: true);
        var page = await Html.ParseAsync(response);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var password = Shown(page);
        Assert.True(password.Length >= 20);
        var created = factory.CreateClient();
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(created, email, password));
        Html.AssertStatus(HttpStatusCode.OK, await created.GetAsync("/Admin"));
        var (_, audit) = await Html.GetPageAsync(admin, $"/Admin/Audit?actor={Uri.EscapeDataString(adminEmail)}");
        var actions = audit.QuerySelectorAll("[data-test=audit-row]").Select(r => r.GetAttribute("data-action")).ToList();
        Assert.Contains("UserCreated", actions);
        Assert.Contains("AdminRoleGranted", actions);
    }

    [Fact]
    public async Task Create_WithoutTheAdminRole_CannotOpenTheAdminConsole()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var email = Unique.Email("plain");

        var page = await Html.ParseAsync(await CreateAsync(admin, email, asAdmin: false));
        var created = factory.CreateClient();

        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(created, email, Shown(page)));
        Html.AssertStatus(HttpStatusCode.Forbidden, await created.GetAsync("/Admin"));
    }

    [Fact]
    public async Task Create_AnAddressAlreadyTaken_SaysSoOnceAndCreatesNothing()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var existing = await TestUsers.CreateAsync(factory);

        var response = await CreateAsync(admin, existing.Email!, asAdmin: false);
        var page = await Html.ParseAsync(response);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Null(page.QuerySelector("[data-test=temporary-password]"));
        Assert.Contains("already taken", page.QuerySelector("[data-test=email-error]")!.TextContent);
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(factory.CreateClient(), existing.Email!, TestUsers.Password));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-address")]
    public async Task Create_InvalidEmail_IsRefusedWithAFieldError(string email)
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);

        var page = await Html.ParseAsync(await CreateAsync(admin, email, asAdmin: false));

        Assert.NotEmpty(page.QuerySelector("[data-test=email-error]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-test=temporary-password]"));
    }

    [Fact]
    public async Task ResetPassword_Asked_CountsTheSessionsAndChangesNothing()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var user = await TestUsers.CreateAsync(factory);
        await SignIn.BrowserWithCookiesAsync(factory, user.Email!);

        var (response, page) = await Html.GetPageAsync(admin, $"/Admin/Users/ResetPassword/{user.Id}");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal($"Reset the password of {user.Email}?", page.QuerySelector("[data-test=confirm-title]")!.TextContent);
        Assert.Contains("1 session of theirs ends", page.QuerySelector("[data-test=confirm-consequences]")!.TextContent);
        Assert.Equal($"/Admin/Users/Details/{user.Id}", page.QuerySelector("[data-test=cancel]")!.GetAttribute("href"));
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, TestUsers.Password));
    }

    [Fact]
    public async Task ResetPassword_Confirmed_ShowsANewPasswordOnceTheOldOneFailsAndItIsAudited()
    {
        var (admin, adminEmail) = await AdminUi.AdminAsync(factory);
        var user = await TestUsers.CreateAsync(factory);
        var (browser, _) = await SignIn.BrowserWithCookiesAsync(factory, user.Email!);

        var response = await AdminUi.PressAsync(admin, $"/Admin/Users/Details/{user.Id}", "reset-password");
        var page = await Html.ParseAsync(response);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var password = Shown(page);
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, password));
        var withOld = await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, TestUsers.Password);
        Html.AssertStatus(HttpStatusCode.OK, withOld); // the login page again, with its error
        Html.AssertStatus(HttpStatusCode.Redirect, await browser.GetAsync("/Identity/Account/Manage")); // signed out
        var (_, audit) = await Html.GetPageAsync(admin, $"/Admin/Audit?action=UserPasswordSet&actor={Uri.EscapeDataString(adminEmail)}");
        Assert.Single(audit.QuerySelectorAll("[data-test=audit-row]"));
        var (_, again) = await Html.GetPageAsync(admin, $"/Admin/Users/ResetPassword/{user.Id}");
        Assert.Null(again.QuerySelector("[data-test=temporary-password]"));
    }

    [Fact]
    public async Task ResetPassword_UnknownUser_Is404()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (_, page) = await Html.GetPageAsync(admin, "/Admin/Users/Create");
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        Html.AssertStatus(HttpStatusCode.NotFound, await admin.GetAsync("/Admin/Users/ResetPassword/nobody"));
        Html.AssertStatus(HttpStatusCode.NotFound, await admin.PostAsync("/Admin/Users/ResetPassword/nobody",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })));
    }
}
