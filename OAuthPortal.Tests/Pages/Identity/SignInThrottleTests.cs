using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>
/// Lockout after wrong passwords counts per e-mail address and source address, so someone guessing from elsewhere
/// cannot keep the owner out; guessing spread over many sources locks the address at the account-wide limit, except in
/// the browsers the owner has signed in with before, and a password reset lifts that.
/// Real sockets from different loopback addresses (127.0.0.x), which the portal sees as different clients.
/// </summary>
public sealed class SignInThrottleTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Owner = IPAddress.Parse("127.0.0.3");

    private static async Task<HttpResponseMessage> WrongPasswordsAsync(HttpClient from, string email, int times)
    {
        HttpResponseMessage last = null!;
        for (var i = 0; i < times; i++)
        {
            last = await SignIn.PostLoginAsync(from, email, "Wrong-password-1");
        }

        return last;
    }

    [Fact]
    public async Task Login_LockedOutFromOneNetwork_TheOwnerStillSignsInFromAnother()
    {
        using var portal = KestrelPortal.Start();
        var user = await TestUsers.CreateAsync(portal.Factory);
        using var attacker = portal.CreateBrowser(Attacker);
        using var owner = portal.CreateBrowser(Owner);

        var lockedOut = await WrongPasswordsAsync(attacker, user.Email!, 6);
        var attackerWithTheRightPassword = await SignIn.PostLoginAsync(attacker, user.Email!, TestUsers.Password);
        var ownerSignsIn = await SignIn.PostLoginAsync(owner, user.Email!, TestUsers.Password);

        Assert.Equal("/Identity/Account/Lockout", lockedOut.Headers.Location?.OriginalString);
        Assert.Equal("/Identity/Account/Lockout", attackerWithTheRightPassword.Headers.Location?.OriginalString);
        Html.AssertStatus(HttpStatusCode.Redirect, ownerSignsIn);
        Assert.Equal("/", ownerSignsIn.Headers.Location?.OriginalString);
    }

    private static KestrelPortal AccountLimitOfSix() => KestrelPortal.Start(new Dictionary<string, string?>
    {
        ["Portal:MaxFailedAccessAttempts"] = "3", ["Portal:MaxFailedAccessAttemptsPerAccount"] = "6",
    });

    private static async Task<List<string?>> GuessFromThreeNetworksAsync(KestrelPortal portal, string email)
    {
        var answers = new List<string?>();
        foreach (var source in new[] { "127.0.0.4", "127.0.0.5", "127.0.0.6" })
        {
            using var guesser = portal.CreateBrowser(IPAddress.Parse(source));
            answers.Add((await WrongPasswordsAsync(guesser, email, 2)).Headers.Location?.OriginalString);
        }

        return answers;
    }

    [Fact]
    public async Task Login_WrongPasswordsFromManyNetworks_LockTheAddressForBrowsersThatNeverSignedIn()
    {
        using var portal = AccountLimitOfSix();
        var user = await TestUsers.CreateAsync(portal.Factory);

        var answers = await GuessFromThreeNetworksAsync(portal, user.Email!);
        using var newBrowser = portal.CreateBrowser(Owner);
        var fromANewBrowser = await SignIn.PostLoginAsync(newBrowser, user.Email!, TestUsers.Password);

        Assert.Equal([null, null, "/Identity/Account/Lockout"], answers); // 2 + 2 + 2 = the account-wide limit of 6
        Assert.Equal("/Identity/Account/Lockout", fromANewBrowser.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Login_AddressLockedEverywhere_TheOwnersUsualBrowserStillSignsIn()
    {
        using var portal = AccountLimitOfSix();
        var user = await TestUsers.CreateAsync(portal.Factory);
        using var usual = portal.CreateBrowser(Owner);
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(usual, user.Email!, TestUsers.Password));
        await DeveloperUi.PressAsync(usual, "/", "nav-logout");

        await GuessFromThreeNetworksAsync(portal, user.Email!);
        var fromTheUsualBrowser = await SignIn.PostLoginAsync(usual, user.Email!, TestUsers.Password);

        Assert.Equal("/", fromTheUsualBrowser.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Login_AddressLockedEverywhere_APasswordResetLiftsIt()
    {
        using var portal = AccountLimitOfSix();
        var user = await TestUsers.CreateAsync(portal.Factory);
        await GuessFromThreeNetworksAsync(portal, user.Email!);

        await portal.Factory.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<PortalUser>>();
            var owner = (await users.FindByIdAsync(user.Id))!;
            Assert.True((await users.ResetPasswordAsync(owner, await users.GeneratePasswordResetTokenAsync(owner), "N3w-Passw0rd!")).Succeeded);
        });
        using var newBrowser = portal.CreateBrowser(Owner);
        var afterTheReset = await SignIn.PostLoginAsync(newBrowser, user.Email!, "N3w-Passw0rd!");

        Assert.Equal("/", afterTheReset.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Login_ManyGuessesAtOnceFromOneNetwork_NoMoreThanTheLimitHaveTheirPasswordChecked()
    {
        using var factory = new PortalFactory();
        var user = await TestUsers.CreateAsync(factory);
        var client = factory.CreateClient();
        var (_, page) = await Html.GetPageAsync(client, "/Identity/Account/Login");
        var form = page.Form("form#account");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Html.SubmitAsync(client, form,
            new Dictionary<string, string> { ["Input.Email"] = user.Email!, ["Input.Password"] = "Wrong-password-1" })));

        // Each attempt is counted before its password is checked: at most 5 get the form back ("invalid"), the rest the lockout.
        Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.OK), 1, 5);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal("/Identity/Account/Lockout", a.Headers.Location?.OriginalString));
    }

    [Fact]
    public async Task Login_AfterTheLockoutDuration_SignsInAgain()
    {
        using var factory = new PortalFactory();
        var user = await TestUsers.CreateAsync(factory);
        var client = factory.CreateClient();
        await WrongPasswordsAsync(client, user.Email!, 5);

        var during = await SignIn.PostLoginAsync(client, user.Email!, TestUsers.Password);
        factory.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var after = await SignIn.PostLoginAsync(client, user.Email!, TestUsers.Password);

        Assert.Equal("/Identity/Account/Lockout", during.Headers.Location?.OriginalString);
        Assert.Equal("/", after.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Login_RightPasswordAfterSomeWrongOnes_StartsTheCountAgain()
    {
        using var factory = new PortalFactory();
        var user = await TestUsers.CreateAsync(factory);

        await WrongPasswordsAsync(factory.CreateClient(), user.Email!, 4);
        await SignIn.ClientForAsync(factory, user.Email!);
        var fourMore = await WrongPasswordsAsync(factory.CreateClient(), user.Email!, 4);

        Html.AssertStatus(HttpStatusCode.OK, fourMore); // still the form: the count started again at the success
    }
}
