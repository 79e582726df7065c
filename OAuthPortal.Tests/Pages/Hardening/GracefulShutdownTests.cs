using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Hardening;

/// <summary>
/// Stopping the portal (SIGTERM, or the host stopping) lets the requests it already took finish, including grants
/// queued behind SQLite's write lock, and stops the background work without errors.
/// </summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Stop_WhileGrantsWaitForTheDatabase_TheyFinishAndTheHostStopsCleanly()
    {
        var logs = new ListLoggerProvider();
        using var portal = KestrelPortal.Start(configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        var user = await TestUsers.CreateAsync(portal.Factory);
        var client = await TestClients.RegisterAsync(portal.Factory, user.Id);
        var refreshTokens = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            refreshTokens.Add((await TestTokens.IssueAsync(portal.Factory, client.ClientId, user.Id)).RefreshToken!);
        }

        using var http = portal.CreateHttpClient();
        var lifetime = portal.Factory.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource();
        lifetime.ApplicationStopped.Register(() => stopped.TrySetResult());

        Task<TokenEndpoint.Reply>[] inFlight;
        await using (await DatabaseLock.HoldAsync(portal.Factory.DatabasePath))
        {
            inFlight = refreshTokens.Select(token => TokenEndpoint.TokenAsync(http, new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token", ["refresh_token"] = token, ["client_id"] = client.ClientId, ["client_secret"] = client.ClientSecret!,
            })).ToArray();
            await Task.Delay(500); // the grants have reached the write queue and SQLite's lock
            lifetime.StopApplication();
            await Task.Delay(500);
            Assert.False(stopped.Task.IsCompleted); // still waiting for the requests it took
        }

        var replies = await Task.WhenAll(inFlight);
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(replies, r => Html.AssertStatus(HttpStatusCode.OK, r.Response));
        Assert.All(replies, r => Assert.NotNull(r["access_token"]));
        Assert.Empty(logs.ServerFaults);
    }
}
