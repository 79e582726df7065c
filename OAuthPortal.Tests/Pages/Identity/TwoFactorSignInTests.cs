using System.Net;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>
/// Signing in with a second factor: the authenticator's code (computed here, RFC 6238) or a recovery code after the
/// password; wrong codes, lockout, a remembered browser; the id_token's amr and the audit log say which factors were used.
/// </summary>
public sealed class TwoFactorSignInTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(PortalUser User, string Key, string[] RecoveryCodes)> UserWithAuthenticatorAsync(string? email = null)
    {
        var user = await TestUsers.CreateAsync(factory, email);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        var (key, verified) = await TwoFactorUi.EnableAsync(browser);
        var (_, shown) = await Html.GetPageAsync(browser, verified.Headers.Location!.OriginalString);
        return (user, key, shown.QuerySelector("[data-test=recovery-codes]")!.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private async Task<(HttpClient Browser, string SecondStep)> PasswordStepAsync(string email, string? returnUrl = null)
    {
        var browser = factory.CreateClient();
        var login = await SignIn.PostLoginAsync(browser, email, TestUsers.Password, returnUrl);
        Html.AssertStatus(HttpStatusCode.Redirect, login);
        Assert.StartsWith("/Identity/Account/LoginWith2fa", login.Headers.Location!.OriginalString);
        return (browser, login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LoginWith2fa_RightCode_SignsInToTheReturnUrlAndAuditsTheFactors()
    {
        var (user, key, _) = await UserWithAuthenticatorAsync();
        var (browser, secondStep) = await PasswordStepAsync(user.Email!, "/Account/Apps");
        Html.AssertStatus(HttpStatusCode.Redirect, await browser.GetAsync("/Account/Apps")); // the password alone signs nobody in

        var response = await TwoFactorUi.SubmitCodeAsync(browser, secondStep, Totp.Code(key));

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal("/Account/Apps", response.Headers.Location!.OriginalString);
        Html.AssertStatus(HttpStatusCode.OK, await browser.GetAsync("/Account/Apps"));
        Assert.Contains(await TwoFactorUi.AuditAsync(factory, AuditAction.SignedIn),
            e => e.Actor == user.Email && e.Target == $"user:{user.Email}" && e.Details == "pwd mfa otp");
    }

    [Fact]
    public async Task LoginWith2fa_WrongCode_OneErrorNoSignInAndAudited()
    {
        var (user, key, _) = await UserWithAuthenticatorAsync();
        var (browser, secondStep) = await PasswordStepAsync(user.Email!);

        var response = await TwoFactorUi.SubmitCodeAsync(browser, secondStep, Totp.WrongCode(key));

        Html.AssertStatus(HttpStatusCode.OK, response);
        var page = await Html.ParseAsync(response);
        Assert.Contains("not right", page.QuerySelector("[data-test=code-error]")!.TextContent);
        Assert.Single(page.QuerySelectorAll(".text-danger, .alert-danger"), e => e.TextContent.Trim().Length > 0);
        Html.AssertStatus(HttpStatusCode.Redirect, await browser.GetAsync("/Account/Apps"));
        Assert.Contains(await TwoFactorUi.AuditAsync(factory, AuditAction.SignInFailed),
            e => e.Target == $"user:{user.Email}" && e.Details == "wrong authenticator code");
    }

    [Fact]
    public async Task LoginWith2fa_TooManyWrongCodes_LocksOutAndAuditsTheLockout()
    {
        var (user, key, _) = await UserWithAuthenticatorAsync();
        var (browser, secondStep) = await PasswordStepAsync(user.Email!);
        HttpResponseMessage response = null!;
        for (var i = 0; i < 5; i++)
        {
            response = await TwoFactorUi.SubmitCodeAsync(browser, secondStep, Totp.WrongCode(key));
        }

        Assert.Equal("/Identity/Account/Lockout", response.Headers.Location!.OriginalString);
        Assert.Contains(await TwoFactorUi.AuditAsync(factory, AuditAction.UserLockedOut), e => e.Target == $"user:{user.Email}");
        var right = await TwoFactorUi.SubmitCodeAsync(browser, secondStep, Totp.Code(key));
        Assert.Equal("/Identity/Account/Lockout", right.Headers.Location!.OriginalString); // even the right code waits now
    }

    [Fact]
    public async Task LoginWithRecoveryCode_WorksOnceAndTheAuditSaysSo()
    {
        var (user, _, codes) = await UserWithAuthenticatorAsync();
        var (browser, _) = await PasswordStepAsync(user.Email!);
        var (_, page) = await Html.GetPageAsync(browser, "/Identity/Account/LoginWithRecoveryCode");

        var response = await Html.SubmitAsync(browser, page.Form("form#recovery-code"), new Dictionary<string, string> { ["Input.RecoveryCode"] = codes[0] });

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Html.AssertStatus(HttpStatusCode.OK, await browser.GetAsync("/Account/Apps"));
        Assert.Contains(await TwoFactorUi.AuditAsync(factory, AuditAction.SignedIn),
            e => e.Target == $"user:{user.Email}" && e.Details == "pwd mfa otp (recovery code)");
        var (again, _) = await PasswordStepAsync(user.Email!);
        var (_, second) = await Html.GetPageAsync(again, "/Identity/Account/LoginWithRecoveryCode");
        var reused = await Html.SubmitAsync(again, second.Form("form#recovery-code"), new Dictionary<string, string> { ["Input.RecoveryCode"] = codes[0] });
        Html.AssertStatus(HttpStatusCode.OK, reused);
        Assert.Contains("used before", (await Html.ParseAsync(reused)).QuerySelector("[data-test=code-error]")!.TextContent);
        Assert.Contains(await TwoFactorUi.AuditAsync(factory, AuditAction.SignInFailed), e => e.Target == $"user:{user.Email}" && e.Details == "wrong recovery code");
    }

    [Theory]
    [InlineData("/Identity/Account/LoginWith2fa")]
    [InlineData("/Identity/Account/LoginWithRecoveryCode")]
    public async Task SecondStep_WithoutAPasswordFirst_GoesBackToLogIn(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain("LoginWith", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task RememberThisBrowser_NextSignInAsksForThePasswordOnly()
    {
        // The remembered-browser cookie is persistent: its expiry must be in the HttpClient's future, so this portal's clock is the wall clock.
        using var portal = new PortalFactory();
        portal.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var user = await TestUsers.CreateAsync(portal);
        var (key, _) = await TwoFactorUi.EnableAsync(await SignIn.ClientForAsync(portal, user.Email!));
        var browser = portal.CreateClient();
        var login = await SignIn.PostLoginAsync(browser, user.Email!, TestUsers.Password);
        Html.AssertStatus(HttpStatusCode.Redirect, await TwoFactorUi.SubmitCodeAsync(browser, login.Headers.Location!.OriginalString, Totp.Code(key), rememberBrowser: true));
        Html.AssertStatus(HttpStatusCode.Redirect, await DeveloperUi.PressAsync(browser, "/", "nav-logout"));

        var again = await SignIn.PostLoginAsync(browser, user.Email!, TestUsers.Password);

        Html.AssertStatus(HttpStatusCode.Redirect, again);
        Assert.DoesNotContain("LoginWith2fa", again.Headers.Location!.OriginalString);
        Html.AssertStatus(HttpStatusCode.OK, await browser.GetAsync("/Account/Apps"));
        Assert.Contains(again.Headers.GetValues("Set-Cookie"), c => c.StartsWith(TrustedDevices.CookieName + "=", StringComparison.Ordinal));
        Assert.Equal("pwd", (await TwoFactorUi.AuditAsync(portal, AuditAction.SignedIn)).Last(e => e.Target == $"user:{user.Email}").Details);
    }

    [Fact]
    public async Task IdToken_AfterAnAuthenticatorSignIn_SaysPwdMfaOtp()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 0, sharedScopes: ["openid"]);
        var (key, _) = await TwoFactorUi.EnableAsync(scenario.Browser);
        var login = await SignIn.PostLoginAsync(scenario.Browser, scenario.User.Email!, TestUsers.Password);
        Html.AssertStatus(HttpStatusCode.Redirect, await TwoFactorUi.SubmitCodeAsync(scenario.Browser, login.Headers.Location!.OriginalString, Totp.Code(key)));

        var token = await IdTokens.ValidateAsync(factory, await OidcClients.IdTokenAsync(scenario), scenario.ClientId);

        Assert.Equal(["pwd", "mfa", "otp"], IdTokens.Payload(token).GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task IdToken_AfterARecoveryCodeSignIn_SaysPwdMfaOtp()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 0, sharedScopes: ["openid"]);
        var (_, verified) = await TwoFactorUi.EnableAsync(scenario.Browser);
        var (_, shown) = await Html.GetPageAsync(scenario.Browser, verified.Headers.Location!.OriginalString);
        var code = shown.QuerySelector("[data-test=recovery-codes]")!.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(scenario.Browser, scenario.User.Email!, TestUsers.Password));
        var (_, page) = await Html.GetPageAsync(scenario.Browser, "/Identity/Account/LoginWithRecoveryCode");
        Html.AssertStatus(HttpStatusCode.Redirect,
            await Html.SubmitAsync(scenario.Browser, page.Form("form#recovery-code"), new Dictionary<string, string> { ["Input.RecoveryCode"] = code }));

        var token = await IdTokens.ValidateAsync(factory, await OidcClients.IdTokenAsync(scenario), scenario.ClientId);

        Assert.Equal(["pwd", "mfa", "otp"], IdTokens.Payload(token).GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
    }
}
