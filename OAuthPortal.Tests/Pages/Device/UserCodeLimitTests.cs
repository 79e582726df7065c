using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Device;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Device;

/// <summary>
/// RFC 8628 §5.1 on the device page: wrong codes are counted per user (OAuth:UserCodeAttempts:PerUser, 5) and per
/// source address (PerSource) before the lookup; at a limit every code is refused for LockoutDuration, right ones too.
/// Each test has its own portal (the counters and the clock are the portal's); the per-source tests use real sockets
/// from different loopback addresses (127.0.0.x), which the portal sees as different clients.
/// </summary>
public sealed class UserCodeLimitTests
{
    private static async Task<List<HttpResponseMessage>> WrongCodesAsync(HttpClient browser, int times)
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < times; i++)
        {
            answers.Add(await DeviceFlow.ContinueAsync(browser, DeviceFlow.WrongCode()));
        }

        return answers;
    }

    private static async Task<string?> LockoutTextAsync(HttpResponseMessage response) =>
        (await Html.ParseAsync(response)).QuerySelector("[data-test=code-lockout]")?.TextContent;

    [Fact]
    public async Task Device_FiveWrongCodesFromOneUser_LockThatUserOutEvenWithTheRightCode()
    {
        using var factory = new PortalFactory();
        var clientId = await DeviceFlow.ClientAsync(factory);
        var device = await DeviceFlow.StartAsync(factory.CreateClient(), clientId);
        var guesser = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);

        var wrong = await WrongCodesAsync(guesser, 5);
        var right = await DeviceFlow.ContinueAsync(guesser, device.UserCode);

        Assert.All(wrong.Take(4), r => Html.AssertStatus(HttpStatusCode.OK, r));
        Html.AssertStatus(HttpStatusCode.TooManyRequests, wrong[4]); // the fifth wrong code locks
        Html.AssertStatus(HttpStatusCode.TooManyRequests, right);
        Assert.Contains("Try again in 15 minutes", await LockoutTextAsync(right));
        Assert.Equal(TimeSpan.FromMinutes(15), right.Headers.RetryAfter?.Delta);
        Assert.Null((await Html.ParseAsync(right)).QuerySelector("[data-test=device-consent-form]"));
    }

    [Fact]
    public async Task Device_UserLockedOut_AnotherUserOnTheSameNetworkStillConfirms()
    {
        using var factory = new PortalFactory();
        var clientId = await DeviceFlow.ClientAsync(factory);
        var device = await DeviceFlow.StartAsync(factory.CreateClient(), clientId);
        var guesser = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);
        var other = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);
        await WrongCodesAsync(guesser, 5);

        var response = await DeviceFlow.ContinueAsync(other, device.UserCode);

        Assert.NotNull((await Html.ParseAsync(response)).QuerySelector("form[data-test=device-consent-form]"));
    }

    [Fact]
    public async Task Device_AllowWithALockedOutUser_IsRefusedAndTheDeviceKeepsWaiting()
    {
        using var factory = new PortalFactory();
        var clientId = await DeviceFlow.ClientAsync(factory);
        var device = await DeviceFlow.StartAsync(factory.CreateClient(), clientId);
        var user = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);
        var shown = await Html.ParseAsync(await DeviceFlow.ContinueAsync(user, device.UserCode));
        await WrongCodesAsync(user, 5);

        var allowed = await DeviceFlow.PressAsync(user, shown, "allow");
        var poll = await DeviceFlow.PollAsync(factory.CreateClient(), clientId, device.DeviceCode);

        Html.AssertStatus(HttpStatusCode.TooManyRequests, allowed);
        Assert.Equal("authorization_pending", poll["error"]);
    }

    [Fact]
    public async Task Device_AfterTheLockoutDuration_ARightCodeWorksAgain()
    {
        using var factory = new PortalFactory();
        var clientId = await DeviceFlow.ClientAsync(factory);
        var user = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);
        await WrongCodesAsync(user, 5);

        factory.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var device = await DeviceFlow.StartAsync(factory.CreateClient(), clientId);
        var response = await DeviceFlow.ContinueAsync(user, device.UserCode);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull((await Html.ParseAsync(response)).QuerySelector("form[data-test=device-consent-form]"));
    }

    [Fact]
    public async Task Device_CodesTriedDuringALockout_DoNotLockAgainWhenItEnds()
    {
        using var factory = new PortalFactory();
        var clientId = await DeviceFlow.ClientAsync(factory);
        var user = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);
        await WrongCodesAsync(user, 5);
        var duringLock = await WrongCodesAsync(user, 8); // all refused by the lock; none may count

        factory.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var device = await DeviceFlow.StartAsync(factory.CreateClient(), clientId);
        var response = await DeviceFlow.ContinueAsync(user, device.UserCode);

        Assert.All(duringLock, r => Html.AssertStatus(HttpStatusCode.TooManyRequests, r));
        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull((await Html.ParseAsync(response)).QuerySelector("form[data-test=device-consent-form]"));
    }

    [Fact]
    public async Task Device_RightCodes_DoNotCountTowardsTheLimit()
    {
        using var factory = new PortalFactory();
        var clientId = await DeviceFlow.ClientAsync(factory);
        var user = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);
        await WrongCodesAsync(user, 4);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var device = await DeviceFlow.StartAsync(factory.CreateClient(), clientId);
            answers.Add((await DeviceFlow.DecideAsync(user, device.UserCode, "allow")).StatusCode);
        }

        var fifthWrong = await DeviceFlow.ContinueAsync(user, DeviceFlow.WrongCode());

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a));
        Html.AssertStatus(HttpStatusCode.TooManyRequests, fifthWrong); // the count stood at 4 through all the right ones
    }

    [Fact]
    public async Task Device_ManyGuessesAtOnce_NoMoreThanTheLimitAreLookedUp()
    {
        using var factory = new PortalFactory();
        var user = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);
        var (_, page) = await Html.GetPageAsync(user, "/device");
        var form = page.Form("form[data-test=device-code-form]");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Html.SubmitAsync(user, form,
            new Dictionary<string, string> { ["user_code"] = DeviceFlow.WrongCode() })));

        // Each code is counted before it is looked up: at most 5 are answered "not valid", the rest are refused.
        Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.OK), 1, 5);
        Assert.Equal(20, answers.Count(a => a.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests));
    }

    private static KestrelPortal SourceLimitOfFour() => KestrelPortal.Start(new Dictionary<string, string?>
    {
        ["OAuth:UserCodeAttempts:PerSource"] = "4",
    });

    private static async Task<HttpClient> SignedInFromAsync(KestrelPortal portal, string address)
    {
        var browser = portal.CreateBrowser(IPAddress.Parse(address));
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(browser, (await TestUsers.CreateAsync(portal.Factory)).Email!, TestUsers.Password));
        return browser;
    }

    [Fact]
    public async Task Device_WrongCodesFromOneNetwork_LockEveryoneThereButNotElsewhere()
    {
        using var portal = SourceLimitOfFour();
        var clientId = await DeviceFlow.ClientAsync(portal.Factory);
        var device = await DeviceFlow.StartAsync(portal.CreateHttpClient(), clientId);
        using var first = await SignedInFromAsync(portal, "127.0.0.2");
        using var second = await SignedInFromAsync(portal, "127.0.0.2");
        using var third = await SignedInFromAsync(portal, "127.0.0.2");
        using var elsewhere = await SignedInFromAsync(portal, "127.0.0.3");

        var firstTwo = await WrongCodesAsync(first, 2);
        var secondTwo = await WrongCodesAsync(second, 2);
        var thirdWithTheRightCode = await DeviceFlow.ContinueAsync(third, device.UserCode);
        var fromElsewhere = await DeviceFlow.ContinueAsync(elsewhere, device.UserCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            firstTwo.Concat(secondTwo).Select(r => r.StatusCode));
        Html.AssertStatus(HttpStatusCode.TooManyRequests, thirdWithTheRightCode);
        Assert.NotNull(await LockoutTextAsync(thirdWithTheRightCode));
        Assert.NotNull((await Html.ParseAsync(fromElsewhere)).QuerySelector("form[data-test=device-consent-form]"));
    }

    [Fact]
    public async Task LimitUserCodeGuesses_Counters_ArePrunedADayLaterUnlessALockIsInForce()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:UserCodeAttempts:LockoutDuration"] = "2.00:00:00" });
        await factory.WithScopeAsync(async s =>
        {
            var guesses = s.GetRequiredService<LimitUserCodeGuesses>();
            await guesses.CheckAsync("user-once", IPAddress.Parse("192.0.2.1"), _ => Task.FromResult(false));
            for (var i = 0; i < 5; i++)
            {
                await guesses.CheckAsync("user-locked", IPAddress.Parse("192.0.2.2"), _ => Task.FromResult(false));
            }
        });

        factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1)); // the background pruning may run now too
        await factory.WithScopeAsync(s => s.GetRequiredService<AttemptCounters>().PruneAsync());
        var left = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().SignInFailures.AsNoTracking().ToListAsync());

        // Gone: both sources (1 and 5 wrong codes, below PerSource) and "user-once". Left: "user-locked", locked for two days.
        var locked = Assert.Single(left);
        Assert.True(locked.LockedUntil > factory.Clock.GetUtcNow().UtcDateTime);
    }
}
