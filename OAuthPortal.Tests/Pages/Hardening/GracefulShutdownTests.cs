using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Hardening;

/// <summary>
/// Stopping the portal (SIGTERM, or the host stopping) lets the requests it already took finish, including grants
/// queued behind SQLite's write lock, delivers the e-mail it has queued, and stops the background work without errors.
/// </summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Stop_WhileGrantsWaitForTheDatabaseAndAMailIsBeingSent_AllFinishAndTheHostStopsCleanly()
    {
        var logs = new ListLoggerProvider();
        using var smtp = new FakeSmtpServer(acceptDelay: TimeSpan.FromSeconds(1));
        using var portal = KestrelPortal.Start(new Dictionary<string, string?>
        {
            ["Portal:Email:From"] = "OAuthPortal <no-reply@portal.test>",
            ["Portal:Email:SmtpHost"] = "127.0.0.1",
            ["Portal:Email:SmtpPort"] = smtp.Port.ToString(),
            ["Portal:Email:SmtpSecurity"] = "None",
        }, services => services.AddSingleton<ILoggerProvider>(logs));
        var user = await TestUsers.CreateAsync(portal.Factory);
        var client = await TestClients.RegisterAsync(portal.Factory, user.Id);
        var refreshTokens = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            refreshTokens.Add((await TestTokens.IssueAsync(portal.Factory, client.ClientId, user.Id)).RefreshToken!);
        }

        using var http = portal.CreateHttpClient();
        var services = portal.Factory.Services;
        var gate = services.GetRequiredService<DatabaseWriteGate>();
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource();
        lifetime.ApplicationStopped.Register(() => stopped.TrySetResult());

        Task<TokenEndpoint.Reply>[] inFlight;
        await using (await DatabaseLock.HoldAsync(portal.Factory.DatabasePath))
        {
            inFlight = refreshTokens.Select(token => TokenEndpoint.TokenAsync(http, new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token", ["refresh_token"] = token, ["client_id"] = client.ClientId, ["client_secret"] = client.ClientSecret!,
            })).ToArray();
            var waited = Stopwatch.StartNew();
            while (!(gate.RunningFor > TimeSpan.Zero && gate.Waiting == refreshTokens.Count - 1) && waited.Elapsed < TimeSpan.FromSeconds(8))
            {
                await Task.Delay(20); // until every grant has reached the write queue (one of them waits for SQLite's lock)
            }

            await services.GetRequiredService<IEmailSender>().SendEmailAsync(user.Email!, "Delivered before the portal stops", "<p>hello</p>");
            lifetime.StopApplication();
            await Task.Delay(500);
            Assert.False(stopped.Task.IsCompleted); // still waiting for the requests it took
        }

        var replies = await Task.WhenAll(inFlight);
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(replies, r => Html.AssertStatus(HttpStatusCode.OK, r.Response));
        Assert.All(replies, r => Assert.NotNull(r["access_token"]));
        Assert.Contains(smtp.Messages, m => m.Contains("Delivered before the portal stops"));
        Assert.Empty(logs.ServerFaults);
    }
}
