using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>Register, log in and lockout through the real Identity pages.</summary>
public sealed class AccountTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Login_OverHttpsWithRequireHttps_SetsSecureHttpOnlyLaxCookies()
    {
        var user = await TestUsers.CreateAsync(factory);

        var response = await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, TestUsers.Password);

        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", c, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Theory]
    [InlineData("/Identity/Account/ResetPassword?code=!!!not-base64!!!", HttpStatusCode.BadRequest)]
    [InlineData("/Identity/Account/LoginWith2fa", HttpStatusCode.Redirect)]            // the portal's own page: back to log in (TwoFactorSignInTests)
    [InlineData("/Identity/Account/LoginWithRecoveryCode", HttpStatusCode.Redirect)]
    [InlineData("/Identity/Account/ConfirmEmail?userId=nobody&code=!!!not-base64!!!", HttpStatusCode.NotFound)]
    [InlineData("/Identity/Account/ConfirmEmailChange?userId=nobody&email=a@b.test&code=!!!", HttpStatusCode.NotFound)]
    public async Task IdentityPage_MalformedLinkOrNoPendingSignIn_IsAClientErrorNotAServerError(string url, HttpStatusCode expected)
    {
        var response = await factory.CreateClient().GetAsync(url);

        Html.AssertStatus(expected, response);
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

    [Fact]
    public async Task Login_OverPlainHttpWhenHttpsRequired_IsRefusedBeforeThePasswordIsChecked()
    {
        var user = await TestUsers.CreateAsync(factory);
        var http = factory.CreateClient(new() { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        var response = await SignIn.PostLoginAsync(http, user.Email!, TestUsers.Password);

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Contains("only accepted over HTTPS", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Login_OverPlainHttpWhenHttpsNotRequired_SignsIn()
    {
        using var relaxed = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequireHttps"] = "false" });
        var user = await TestUsers.CreateAsync(relaxed);
        var http = relaxed.CreateClient(new() { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        var response = await SignIn.PostLoginAsync(http, user.Email!, TestUsers.Password);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
    }
}
