using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>
/// The Register page: by default it answers a taken address exactly as a new one (and tells the owner by e-mail);
/// Portal:RegistrationRevealsExistingAccounts (Development) signs a new user in at once and names a taken address.
/// </summary>
public sealed class RegistrationTests : IDisposable
{
    private readonly MailPickup _mail = new();

    public void Dispose() => _mail.Dispose();

    private PortalFactory Portal(bool reveal = false, bool confirm = false) => PortalFactory.With(new Dictionary<string, string?>(_mail.Settings)
    {
        ["Portal:RegistrationRevealsExistingAccounts"] = reveal.ToString(),
        ["Portal:RequireConfirmedAccount"] = confirm.ToString(),
    });

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password = TestUsers.Password)
    {
        var (_, page) = await Html.GetPageAsync(client, "/Identity/Account/Register");
        return await Html.SubmitAsync(client, page.Form("form#registerForm"), new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
        });
    }

    [Fact]
    public async Task Register_NewAddress_CreatesTheAccountAndAsksToLogIn()
    {
        using var factory = Portal();
        var client = factory.CreateClient();
        var email = Unique.Email();

        var response = await RegisterAsync(client, email);
        var (_, login) = await Html.GetPageAsync(client, response.Headers.Location!.OriginalString);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.OriginalString);
        Assert.Contains("log in with your e-mail address and password", login.QuerySelector("[data-test=status-message]")!.TextContent);
        Assert.Null(login.QuerySelector("[data-test=nav-logout]"));
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(client, email, TestUsers.Password));
    }

    [Fact]
    public async Task Register_TakenAddress_AnswersAsForANewOneKeepsThePasswordAndTellsTheOwner()
    {
        using var factory = Portal();
        var owner = await TestUsers.CreateAsync(factory);
        var client = factory.CreateClient();

        var taken = await RegisterAsync(client, owner.Email!, "Another-Passw0rd!");
        var fresh = await RegisterAsync(factory.CreateClient(), Unique.Email(), "Another-Passw0rd!");
        var (_, takenPage) = await Html.GetPageAsync(client, taken.Headers.Location!.OriginalString);

        Html.AssertStatus(HttpStatusCode.Redirect, taken);
        Assert.Equal(fresh.Headers.Location, taken.Headers.Location);
        Assert.Contains("log in with your e-mail address and password", takenPage.QuerySelector("[data-test=status-message]")!.TextContent);
        Assert.DoesNotContain("already has an account", takenPage.QuerySelector("main")!.TextContent);
        Html.AssertStatus(HttpStatusCode.OK, await SignIn.PostLoginAsync(factory.CreateClient(), owner.Email!, "Another-Passw0rd!"));
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(factory.CreateClient(), owner.Email!, TestUsers.Password));
        var notice = Assert.Single(await _mail.WaitForAsync(owner.Email!));
        Assert.Contains("Someone tried to register with your e-mail address", notice);
    }

    [Fact]
    public async Task Register_WeakPasswordForATakenOrANewAddress_GetsTheSameErrors()
    {
        using var factory = Portal();
        var owner = await TestUsers.CreateAsync(factory);

        var taken = await Html.ParseAsync(await RegisterAsync(factory.CreateClient(), owner.Email!, "aaaaaaaa"));
        var fresh = await Html.ParseAsync(await RegisterAsync(factory.CreateClient(), Unique.Email(), "aaaaaaaa"));

        var errors = taken.QuerySelector("[data-test=register-errors]")!.TextContent;
        Assert.Contains("Passwords must have", errors);
        Assert.Equal(fresh.QuerySelector("[data-test=register-errors]")!.TextContent, errors);
    }

    [Fact]
    public async Task Register_WhenTheSettingReveals_SignsANewUserInAndNamesATakenAddress()
    {
        using var factory = Portal(reveal: true);
        var owner = await TestUsers.CreateAsync(factory);
        var client = factory.CreateClient();
        var email = Unique.Email();

        var created = await RegisterAsync(client, email);
        var (_, home) = await Html.GetPageAsync(client, created.Headers.Location!.OriginalString);
        var taken = await Html.ParseAsync(await RegisterAsync(factory.CreateClient(), owner.Email!));

        Html.AssertStatus(HttpStatusCode.Redirect, created);
        Assert.Equal(email, home.QuerySelector("[data-test=nav-account]")!.TextContent.Trim());
        Assert.Contains("Your account was created", home.QuerySelector("[data-test=status-message]")!.TextContent);
        Assert.Contains("already has an account", taken.QuerySelector("[data-test=register-errors]")!.TextContent);
    }

    [Fact]
    public async Task Register_ConfirmedAccountsRequired_SendsTheLinkOrTheNoticeAndAnswersAlike()
    {
        using var factory = Portal(confirm: true);
        var owner = await TestUsers.CreateAsync(factory);
        var email = Unique.Email();

        var fresh = await RegisterAsync(factory.CreateClient(), email);
        var taken = await RegisterAsync(factory.CreateClient(), owner.Email!);

        Html.AssertStatus(HttpStatusCode.Redirect, fresh);
        Assert.Equal(fresh.Headers.Location, taken.Headers.Location);
        Assert.StartsWith("/Identity/Account/RegisterConfirmation", fresh.Headers.Location!.OriginalString);
        Assert.Contains("ConfirmEmail", Assert.Single(await _mail.WaitForAsync(email)));
        Assert.Contains("Someone tried to register", Assert.Single(await _mail.WaitForAsync(owner.Email!)));
    }

    [Fact]
    public async Task Login_WithThePasswordChosenWhenRegisteringANewOrATakenAddress_AnswersTheSameWhenConfirmationIsRequired()
    {
        using var factory = Portal(confirm: true);
        var owner = await TestUsers.CreateAsync(factory);
        var fresh = Unique.Email();
        const string chosen = "Chosen-Passw0rd!";
        await RegisterAsync(factory.CreateClient(), fresh, chosen);
        await RegisterAsync(factory.CreateClient(), owner.Email!, chosen);

        var afterFresh = await SignIn.PostLoginAsync(factory.CreateClient(), fresh, chosen);
        var afterTaken = await SignIn.PostLoginAsync(factory.CreateClient(), owner.Email!, chosen);

        Html.AssertStatus(HttpStatusCode.OK, afterFresh);
        Html.AssertStatus(HttpStatusCode.OK, afterTaken);
        var freshErrors = (await Html.ParseAsync(afterFresh)).QuerySelector("[data-test=login-errors]")!.TextContent;
        Assert.Equal(freshErrors, (await Html.ParseAsync(afterTaken)).QuerySelector("[data-test=login-errors]")!.TextContent);
        Assert.Contains("open the confirmation link", freshErrors);
    }

    [Fact]
    public async Task ForgotPassword_AccountRegisteredWithoutConfirmation_GetsALinkThatResetsAndConfirms()
    {
        using var factory = Portal();
        var email = Unique.Email();
        await RegisterAsync(factory.CreateClient(), email);
        var client = factory.CreateClient();
        var (_, forgot) = await Html.GetPageAsync(client, "/Identity/Account/ForgotPassword");

        await Html.SubmitAsync(client, forgot.Form("form#forgot-password"), new Dictionary<string, string> { ["Input.Email"] = email });
        var mail = Assert.Single(await _mail.WaitForAsync(email));
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail, "https://localhost/Identity/Account/ResetPassword\\?code=[A-Za-z0-9_-]+").Value);
        var (_, reset) = await Html.GetPageAsync(client, link.PathAndQuery);
        var done = await Html.SubmitAsync(client, reset.Form("form"), new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = "N3w-Passw0rd!", ["Input.ConfirmPassword"] = "N3w-Passw0rd!",
        });

        Html.AssertStatus(HttpStatusCode.Redirect, done);
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(factory.CreateClient(), email, "N3w-Passw0rd!"));
        Assert.True(await factory.WithScopeAsync(async s =>
            (await s.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!.EmailConfirmed));
    }
}
