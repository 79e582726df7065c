using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Hardening;

/// <summary>
/// A database that another process keeps locked: requests that need to write get a 503 with Retry-After within
/// Database:CommandTimeout, readiness says not ready, and once the lock goes everything works again with nothing lost.
/// Runs alone (<see cref="TimingSensitive"/>): it measures how long the answers take.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class DatabaseOutageTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The bound plus what a busy 2-core test machine adds (SQLite retries every 150 ms; the host is shared).</summary>
    private static readonly TimeSpan Bound = CommandTimeout + TimeSpan.FromSeconds(2);

    private static PortalFactory Portal() => PortalFactory.With(new Dictionary<string, string?> { ["Database:CommandTimeout"] = "00:00:02" });

    private static Dictionary<string, string> RefreshForm(OAuthScenario scenario, string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = scenario.ClientId, ["client_secret"] = scenario.ClientSecret!,
    };

    [Fact]
    public async Task TokenEndpoint_DatabaseLockedByAnotherProcess_Is503TemporarilyUnavailableWithinTheBoundAndTheRefreshTokenStillWorksAfter()
    {
        using var factory = Portal();
        var scenario = await OAuthScenario.CreateAsync(factory);
        var refreshToken = (await TokenEndpoint.ObtainTokensAsync(scenario))["refresh_token"]!;
        var http = factory.CreateClient();

        TokenEndpoint.Reply refused;
        var watch = Stopwatch.StartNew();
        await using (await DatabaseLock.HoldAsync(factory.DatabasePath))
        {
            refused = await TokenEndpoint.TokenAsync(http, RefreshForm(scenario, refreshToken));
            watch.Stop();
        }

        var after = await TokenEndpoint.TokenAsync(http, RefreshForm(scenario, refreshToken));

        Html.AssertStatus(HttpStatusCode.ServiceUnavailable, refused.Response);
        Assert.Equal("temporarily_unavailable", refused["error"]);
        Assert.True(int.Parse(refused.Response.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.True(refused.Response.Headers.CacheControl?.NoStore);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, Bound);
        Html.AssertStatus(HttpStatusCode.OK, after.Response);
        Assert.NotNull(after["access_token"]);
        Assert.NotEqual(refreshToken, after["refresh_token"]);
    }

    [Fact]
    public async Task TokenEndpoint_ManyRefreshesQueuedBehindALockedDatabase_AllAre503WithinTheBound()
    {
        using var factory = Portal();
        var scenario = await OAuthScenario.CreateAsync(factory);
        var refreshTokens = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            refreshTokens.Add((await TokenEndpoint.ObtainTokensAsync(scenario))["refresh_token"]!);
        }

        var http = factory.CreateClient();
        TokenEndpoint.Reply[] refused;
        var watch = Stopwatch.StartNew();
        await using (await DatabaseLock.HoldAsync(factory.DatabasePath))
        {
            refused = await Task.WhenAll(refreshTokens.Select(t => TokenEndpoint.TokenAsync(http, RefreshForm(scenario, t))));
            watch.Stop();
        }

        var after = await Task.WhenAll(refreshTokens.Select(t => TokenEndpoint.TokenAsync(http, RefreshForm(scenario, t))));

        Assert.All(refused, r => Html.AssertStatus(HttpStatusCode.ServiceUnavailable, r.Response));
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, Bound);
        Assert.All(after, r => Html.AssertStatus(HttpStatusCode.OK, r.Response));
    }

    [Fact]
    public async Task Authorize_RememberedConsentWhileTheDatabaseIsLocked_IsAFriendly503PageAndWorksAfter()
    {
        using var factory = Portal();
        var scenario = await OAuthScenario.CreateAsync(factory);
        await TokenEndpoint.AuthorizeAsync(scenario); // consent remembered

        HttpResponseMessage refused;
        var watch = Stopwatch.StartNew();
        await using (await DatabaseLock.HoldAsync(factory.DatabasePath))
        {
            refused = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());
            watch.Stop();
        }

        var after = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());

        Html.AssertStatus(HttpStatusCode.ServiceUnavailable, refused);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Equal("Temporarily unavailable", (await Html.ParseAsync(refused)).QuerySelector("[data-test=status-title]")?.TextContent.Trim());
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, Bound);
        Html.AssertStatus(HttpStatusCode.Redirect, after);
        Assert.Contains("code=", after.Headers.Location!.Query);
    }

    [Fact]
    public async Task Readyz_WhileWritesCannotGetThrough_IsNotReadyAndRecoversByItself()
    {
        using var factory = Portal();
        var http = factory.CreateClient();
        Html.AssertStatus(HttpStatusCode.OK, await http.GetAsync("/readyz"));
        await Task.Delay(DataProbeCache()); // the healthy answer is cached briefly

        HttpResponseMessage locked;
        string lockedBody;
        await using (await DatabaseLock.HoldAsync(factory.DatabasePath))
        {
            locked = await http.GetAsync("/readyz");
            lockedBody = await locked.Content.ReadAsStringAsync();
        }

        var recovered = await PollAsync(() => http.GetAsync("/readyz"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10));

        Html.AssertStatus(HttpStatusCode.ServiceUnavailable, locked);
        var checks = JsonSerializer.Deserialize<JsonElement>(lockedBody).GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetString()); // reads still work
        Assert.Equal("Unhealthy", checks.GetProperty("database-writes").GetString());
        Html.AssertStatus(HttpStatusCode.OK, recovered);
    }

    [Fact]
    public async Task Page_SignedInWhileTheDatabaseCannotBeOpened_IsAPlain503PageNotABlankOne()
    {
        using var factory = Portal();
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        DatabaseFiles.Delete(factory.DatabasePath);
        Directory.CreateDirectory(factory.DatabasePath); // a folder where the file was: SQLite cannot open it

        try
        {
            var response = await browser.GetAsync("/Identity/Account/Manage");

            Html.AssertStatus(HttpStatusCode.ServiceUnavailable, response);
            Assert.True(response.Headers.Contains("Retry-After"));
            Assert.Equal("Temporarily unavailable", (await Html.ParseAsync(response)).QuerySelector("[data-test=status-title]")?.TextContent.Trim());
        }
        finally
        {
            Directory.Delete(factory.DatabasePath);
        }
    }

    private static TimeSpan DataProbeCache() => OAuthPortal.Data.DatabaseWriteProbe.CacheFor;

    private static async Task<T> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var result = await probe();
            if (done(result) || watch.Elapsed > within)
            {
                return result;
            }

            await Task.Delay(200);
        }
    }
}
