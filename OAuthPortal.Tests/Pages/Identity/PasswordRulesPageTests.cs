using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>
/// The pages that take a new password show Identity's rules before the first attempt (from the options in force, tied
/// to the field with aria-describedby), and each problem is said once.
/// </summary>
public sealed class PasswordRulesPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static void AssertRulesShownFor(IHtmlDocument page, string field)
    {
        var rules = page.QuerySelector("[data-test=password-rules]")!;
        Assert.Equal("password-rules", rules.Id);
        Assert.Equal("password-rules", page.QuerySelector($"input[name='{field}']")!.GetAttribute("aria-describedby"));
        Assert.Contains("at least 6 characters", rules.QuerySelector("[data-test=rule-length]")!.TextContent);
        Assert.NotNull(rules.QuerySelector("[data-test=rule-digit]"));
        Assert.NotNull(rules.QuerySelector("[data-test=rule-uppercase]"));
        Assert.NotNull(rules.QuerySelector("[data-test=rule-symbol]"));
    }

    [Fact]
    public async Task Register_BeforeTheFirstAttempt_ShowsThePasswordRules()
    {
        var (_, page) = await Html.GetPageAsync(factory.CreateClient(), "/Identity/Account/Register");

        AssertRulesShownFor(page, "Input.Password");
    }

    [Fact]
    public async Task ResetPassword_BeforeTheFirstAttempt_ShowsThePasswordRules()
    {
        var code = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode("any-token"u8.ToArray());

        var (response, page) = await Html.GetPageAsync(factory.CreateClient(), $"/Identity/Account/ResetPassword?code={code}");

        Html.AssertStatus(HttpStatusCode.OK, response);
        AssertRulesShownFor(page, "Input.Password");
    }

    [Fact]
    public async Task ChangePassword_BeforeTheFirstAttempt_ShowsThePasswordRules()
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);

        var (_, page) = await Html.GetPageAsync(browser, "/Identity/Account/Manage/ChangePassword");

        AssertRulesShownFor(page, "Input.NewPassword");
    }

    [Fact]
    public async Task SetPassword_AccountWithoutAPassword_ShowsTheRulesAndTheNewPasswordSignsIn()
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        await factory.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<OAuthPortal.Data.PortalUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            stored.PasswordHash = null; // as an account made without one (not RemovePasswordAsync, which ends the session)
            Assert.True((await users.UpdateAsync(stored)).Succeeded);
        });

        var (response, page) = await Html.GetPageAsync(browser, "/Identity/Account/Manage/SetPassword");
        Html.AssertStatus(HttpStatusCode.OK, response);
        AssertRulesShownFor(page, "Input.NewPassword");
        var set = await Html.SubmitAsync(browser, page.Form("form#set-password-form"), new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "N3w-Passw0rd!", ["Input.ConfirmPassword"] = "N3w-Passw0rd!",
        });

        Html.AssertStatus(HttpStatusCode.Redirect, set);
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, "N3w-Passw0rd!"));
    }

    [Fact]
    public async Task Register_StricterOptions_TheRulesShownAreTheOnesEnforced()
    {
        using var strict = PortalFactory.With(new Dictionary<string, string?>(), configureServices: services =>
            services.Configure<IdentityOptions>(o => (o.Password.RequiredLength, o.Password.RequireNonAlphanumeric, o.Password.RequiredUniqueChars) = (12, false, 5)));
        var client = strict.CreateClient();

        var (_, page) = await Html.GetPageAsync(client, "/Identity/Account/Register");
        var refused = await Html.ParseAsync(await Html.SubmitAsync(client, page.Form("form#registerForm"), new Dictionary<string, string>
        {
            ["Input.Email"] = Unique.Email(), ["Input.Password"] = "Sh0rt-Pass", ["Input.ConfirmPassword"] = "Sh0rt-Pass",
        }));

        Assert.Contains("at least 12 characters", page.QuerySelector("[data-test=rule-length]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-test=rule-symbol]"));
        Assert.Contains("at least 5 different characters", page.QuerySelector("[data-test=rule-unique]")!.TextContent);
        Assert.Contains("at least 12 characters", refused.QuerySelector("[data-test=register-errors]")!.TextContent);
    }

    [Fact]
    public async Task Register_WeakPassword_EachProblemIsSaidOnce()
    {
        var client = factory.CreateClient();
        var (_, page) = await Html.GetPageAsync(client, "/Identity/Account/Register");

        var refused = await Html.ParseAsync(await Html.SubmitAsync(client, page.Form("form#registerForm"), new Dictionary<string, string>
        {
            ["Input.Email"] = Unique.Email(), ["Input.Password"] = "abc", ["Input.ConfirmPassword"] = "abc",
        }));

        var problems = refused.QuerySelectorAll("[data-test=register-errors] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(problems, p => p.Contains("at least 6 characters"));
        Assert.Equal(problems.Count, problems.Distinct().Count());
        var main = refused.QuerySelector("main")!.TextContent;
        Assert.All(problems, p => Assert.Single(System.Text.RegularExpressions.Regex.Matches(main, System.Text.RegularExpressions.Regex.Escape(p))));
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_OneErrorBesideTheFieldNoneAbove()
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        var (_, page) = await Html.GetPageAsync(browser, "/Identity/Account/Manage/ChangePassword");

        var response = await Html.SubmitAsync(browser, page.Form("form#change-password-form"), new Dictionary<string, string>
        {
            ["Input.OldPassword"] = "Wrong-passw0rd!", ["Input.NewPassword"] = "N3w-Passw0rd!", ["Input.ConfirmPassword"] = "N3w-Passw0rd!",
        });
        var refused = await Html.ParseAsync(response);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("Incorrect password.", refused.QuerySelector("[data-test=old-password-error]")!.TextContent.Trim());
        Assert.Empty(refused.QuerySelector("[data-test=change-password-errors]")?.TextContent.Trim() ?? ""); // no summary, or an empty one
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, TestUsers.Password));
    }

    [Fact]
    public async Task ChangePassword_WeakNewPassword_SaysWhichRuleAndKeepsTheOldPassword()
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        var (_, page) = await Html.GetPageAsync(browser, "/Identity/Account/Manage/ChangePassword");

        var refused = await Html.ParseAsync(await Html.SubmitAsync(browser, page.Form("form#change-password-form"), new Dictionary<string, string>
        {
            ["Input.OldPassword"] = TestUsers.Password, ["Input.NewPassword"] = "alllowercase", ["Input.ConfirmPassword"] = "alllowercase",
        }));

        Assert.Contains("uppercase", refused.QuerySelector("[data-test=change-password-errors]")!.TextContent);
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, TestUsers.Password));
    }
}
