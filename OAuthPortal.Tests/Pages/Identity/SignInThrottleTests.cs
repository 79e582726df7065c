using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>
/// Lockout after wrong passwords counts per e-mail address and source address, so someone guessing from elsewhere
/// cannot keep the owner out; guessing spread over many sources still locks the address at the account-wide limit.
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

    [Fact]
    public async Task Login_WrongPasswordsFromManyNetworks_LockTheAddressEverywhereAtTheAccountLimit()
    {
        using var portal = KestrelPortal.Start(new Dictionary<string, string?>
        {
            ["Portal:MaxFailedAccessAttempts"] = "3", ["Portal:MaxFailedAccessAttemptsPerAccount"] = "6",
        });
        var user = await TestUsers.CreateAsync(portal.Factory);

        var answers = new List<string?>();
        foreach (var source in new[] { "127.0.0.4", "127.0.0.5", "127.0.0.6" })
        {
            using var guesser = portal.CreateBrowser(IPAddress.Parse(source));
            answers.Add((await WrongPasswordsAsync(guesser, user.Email!, 2)).Headers.Location?.OriginalString);
        }

        using var owner = portal.CreateBrowser(Owner);
        var ownerSignsIn = await SignIn.PostLoginAsync(owner, user.Email!, TestUsers.Password);

        Assert.Equal([null, null, "/Identity/Account/Lockout"], answers); // 2 + 2 + 2 = the account-wide limit of 6
        Assert.Equal("/Identity/Account/Lockout", ownerSignsIn.Headers.Location?.OriginalString);
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
