using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Browser;

/// <summary>
/// The device flow (RFC 8628) end to end: a device asks over HTTP and polls the token endpoint on its own, while its
/// user, in headless Chromium, opens verification_uri_complete, signs in, confirms the code and allows. The portal runs
/// on the real clock here (the device waits the interval in real time), with a polling interval of one second.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeviceJourneyTests(Chromium chromium)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(200);

    private sealed record PollOutcome(JsonElement Tokens, IReadOnlyList<string> Answers);

    /// <summary>
    /// Polls as a device does (RFC 8628 §3.5): every interval, 5 seconds more after slow_down, until anything but
    /// authorization_pending or slow_down; gives up after the code's lifetime.
    /// </summary>
    private static async Task<PollOutcome> PollAsync(KestrelPortal portal, string clientId, DeviceFlow.Started device)
    {
        using var http = portal.CreateHttpClient();
        var interval = TimeSpan.FromSeconds(device.Interval);
        var answers = new List<string>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var reply = await DeviceFlow.PollAsync(http, clientId, device.DeviceCode);
            if (reply.Response.IsSuccessStatusCode)
            {
                return new PollOutcome(reply.Json, answers);
            }

            answers.Add(reply["error"] ?? $"status {(int)reply.Response.StatusCode}");
            if (reply["error"] == "slow_down")
            {
                interval += TimeSpan.FromSeconds(5);
            }
            else if (reply["error"] != "authorization_pending")
            {
                Assert.Fail("The device was refused: " + string.Join(", ", answers));
            }

            await Task.Delay(interval + Margin);
        }

        throw new TimeoutException("No answer for the device: " + string.Join(", ", answers));
    }

    [SkippableFact]
    public async Task Device_UserOpensTheCompleteUriSignsInAndAllows_ThePollerGetsTokensAndTheApiAnswers()
    {
        await using var world = await BrowserPortal.StartAsync(chromium, new Dictionary<string, string?> { ["OAuth:DevicePollingInterval"] = "00:00:01" },
            services => services.AddSingleton(TimeProvider.System));
        var clientId = await DeviceFlow.ClientAsync(world.Portal.Factory);
        var email = Unique.Email("viewer");
        await TestUsers.CreateAsync(world.Portal.Factory, email);
        using var http = world.Portal.CreateHttpClient();
        var device = await DeviceFlow.StartAsync(http, clientId);
        var poller = PollAsync(world.Portal, clientId, device);

        var user = await world.NewPersonAsync();
        await user.GotoAsync(device.VerificationUriComplete);
        await BrowserPortal.LogInHereAsync(user, email);
        await Assertions.Expect(user.Locator("input[name=user_code]")).ToHaveValueAsync(device.UserCode);
        await user.ClickAsync("[data-test=continue]");
        var shownCode = (await user.Locator("[data-test=device-user-code]").InnerTextAsync()).Trim();
        await user.ClickAsync("[data-test=allow]");
        await Assertions.Expect(user.Locator("[data-test=device-done]")).ToHaveTextAsync("You can return to your device");
        var outcome = await poller;
        using var me = await world.CallApiAsync(outcome.Tokens.GetProperty("access_token").GetString()!);
        var body = JsonSerializer.Deserialize<JsonElement>(await me.Content.ReadAsStringAsync());

        Assert.Equal($"{world.Portal.Origin}/device", device.VerificationUri);
        Assert.Equal(device.UserCode, shownCode);
        Assert.NotEmpty(outcome.Answers); // the device did wait for its user...
        Assert.All(outcome.Answers, a => Assert.Equal("authorization_pending", a)); // ...and never polled too soon
        Assert.Equal("profile", outcome.Tokens.GetProperty("scope").GetString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(email, body.GetProperty("email").GetString());
        Assert.Equal(clientId, body.GetProperty("client_id").GetString());
        Assert.Empty(world.ConsoleErrors);
    }
}
