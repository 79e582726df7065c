using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>Register, log in and lockout through the real Identity pages.</summary>
public sealed class AccountTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Register_NewAccount_SignsInAndReturnsHome()
    {
        var client = factory.CreateClient();
        var email = Unique.Email();
        var (_, page) = await Html.GetPageAsync(client, "/Identity/Account/Register");

        var response = await Html.SubmitAsync(client, page.Form("form#registerForm"), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = TestUsers.Password,
            ["Input.ConfirmPassword"] = TestUsers.Password,
        });

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        var (_, home) = await Html.GetPageAsync(client, response.Headers.Location!.OriginalString);
        Assert.Equal(email, home.QuerySelector("[data-test=nav-account]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Register_WeakPassword_ShowsErrorAndCreatesNobody()
    {
        var client = factory.CreateClient();
        var (_, page) = await Html.GetPageAsync(client, "/Identity/Account/Register");

        var response = await Html.SubmitAsync(client, page.Form("form#registerForm"), new Dictionary<string, string>
        {
            ["Input.Email"] = Unique.Email(),
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });

        Html.AssertStatus(HttpStatusCode.OK, response);
        var result = await Html.ParseAsync(response);
        Assert.Null(result.QuerySelector("[data-test=nav-account]"));
        Assert.Contains("at least 6", result.Body!.TextContent);
    }

    [Fact]
    public async Task Login_CorrectPassword_RedirectsToReturnUrl()
    {
        var user = await TestUsers.CreateAsync(factory);

        var response = await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, TestUsers.Password, returnUrl: "/Developer");

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal("/Developer", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    public async Task Login_ExternalReturnUrl_RedirectsHomeInstead(string returnUrl)
    {
        var user = await TestUsers.CreateAsync(factory);

        var response = await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, TestUsers.Password, returnUrl);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsInvalidAttempt()
    {
        var user = await TestUsers.CreateAsync(factory);

        var response = await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, "Wrong-password-1");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("Invalid login attempt", (await Html.ParseAsync(response)).QuerySelector("[data-test=login-errors]")!.TextContent);
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksTheAccountOutEvenForTheRightPassword()
    {
        var user = await TestUsers.CreateAsync(factory);
        var client = factory.CreateClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Html.AssertStatus(HttpStatusCode.OK, await SignIn.PostLoginAsync(client, user.Email!, "Wrong-password-1"));
        }

        var fifth = await SignIn.PostLoginAsync(client, user.Email!, "Wrong-password-1");
        var rightPassword = await SignIn.PostLoginAsync(client, user.Email!, TestUsers.Password);

        Html.AssertStatus(HttpStatusCode.Redirect, fifth);
        Assert.Equal("/Identity/Account/Lockout", fifth.Headers.Location!.OriginalString);
        Html.AssertStatus(HttpStatusCode.Redirect, rightPassword);
        Assert.Equal("/Identity/Account/Lockout", rightPassword.Headers.Location!.OriginalString);
    }
}
