using System.Net;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>
/// The audit log records every fresh sign-in (once, with its methods), failed sign-ins (naming the account when there
/// is one, which the person signing in is never told), lockouts and registrations.
/// </summary>
public sealed class SignInAuditTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task PasswordSignIn_IsAuditedOnceWithItsMethod()
    {
        var user = await TestUsers.CreateAsync(factory);

        await SignIn.ClientForAsync(factory, user.Email!);

        var entry = Assert.Single(await TwoFactorUi.AuditAsync(factory, AuditAction.SignedIn), e => e.Target == $"user:{user.Email}");
        Assert.Equal(user.Email, entry.Actor);
        Assert.Equal("pwd", entry.Details);
    }

    [Fact]
    public async Task RefreshedSignIn_IsNotAuditedAsANewSignIn()
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        var (_, page) = await Html.GetPageAsync(browser, "/Identity/Account/Manage/ResetAuthenticator");

        Html.AssertStatus(HttpStatusCode.Redirect, await Html.SubmitAsync(browser, page.Form("form#reset-authenticator-form"))); // Identity refreshes the cookie

        Assert.Single(await TwoFactorUi.AuditAsync(factory, AuditAction.SignedIn), e => e.Target == $"user:{user.Email}");
    }

    [Fact]
    public async Task WrongPassword_ExistingAccount_AuditsAFailureOnTheAccount()
    {
        var user = await TestUsers.CreateAsync(factory);

        Html.AssertStatus(HttpStatusCode.OK, await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, "Wrong-passw0rd!"));

        var entry = Assert.Single(await TwoFactorUi.AuditAsync(factory, AuditAction.SignInFailed), e => e.Target == $"user:{user.Email}");
        Assert.Equal("anonymous", entry.Actor);
        Assert.Equal("wrong password", entry.Details);
    }

    [Fact]
    public async Task WrongPassword_NoAccount_AuditsAFailureNamingNoAccount()
    {
        var address = Unique.Email();

        Html.AssertStatus(HttpStatusCode.OK, await SignIn.PostLoginAsync(factory.CreateClient(), address, "Wrong-passw0rd!"));

        Assert.Contains(await TwoFactorUi.AuditAsync(factory, AuditAction.SignInFailed),
            e => e.Target == "no account" && e.Details == $"wrong password (no account for {address})");
    }

    [Fact]
    public async Task TooManyWrongPasswords_AuditsTheLockout()
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = factory.CreateClient();
        HttpResponseMessage response = null!;
        for (var i = 0; i < 5; i++)
        {
            response = await SignIn.PostLoginAsync(browser, user.Email!, "Wrong-passw0rd!");
        }

        Assert.Equal("/Identity/Account/Lockout", response.Headers.Location!.OriginalString);
        var entry = Assert.Single(await TwoFactorUi.AuditAsync(factory, AuditAction.UserLockedOut), e => e.Target == $"user:{user.Email}");
        Assert.Equal("too many wrong passwords", entry.Details);
        await SignIn.PostLoginAsync(browser, user.Email!, TestUsers.Password);
        Assert.Contains(await TwoFactorUi.AuditAsync(factory, AuditAction.SignInFailed),
            e => e.Target == $"user:{user.Email}" && e.Details.Contains("still locked out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Register_AuditsTheNewAccount()
    {
        var address = Unique.Email();
        var browser = factory.CreateClient();
        var (_, page) = await Html.GetPageAsync(browser, "/Identity/Account/Register");

        await Html.SubmitAsync(browser, page.Form("form#registerForm"), new Dictionary<string, string>
        {
            ["Input.Email"] = address, ["Input.Password"] = TestUsers.Password, ["Input.ConfirmPassword"] = TestUsers.Password,
        });

        var entry = Assert.Single(await TwoFactorUi.AuditAsync(factory, AuditAction.UserRegistered), e => e.Target == $"user:{address}");
        Assert.Equal(address, entry.Actor);
    }
}
