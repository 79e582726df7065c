using Microsoft.Extensions.Options;
using OAuthPortal.OAuth.Events;

namespace OAuthPortal.OAuth.Oidc.Logout;

/// <summary>
/// Delivers queued logout tokens (Back-Channel Logout 1.0 §2.5): a form POST of <c>logout_token</c>, at most
/// OAuth:BackchannelLogout:Timeout each, retried with growing pauses (RetryDelay, doubled) up to Attempts in all; a
/// 200 or 204 is success (§2.8), anything else is retried, and a delivery that never succeeds is audited. Several
/// deliveries run at once, so one slow client does not hold up the others.
/// </summary>
public sealed class BackchannelLogoutSender(
    BackchannelLogoutQueue queue, IHttpClientFactory httpClients, IOAuthEvents events, IOptions<OAuthOptions> options, TimeProvider clock,
    ILogger<BackchannelLogoutSender> logger) : BackgroundService
{
    public const string HttpClientName = "backchannel-logout";

    private const int Concurrency = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(Concurrency);
        var running = new List<Task>();
        try
        {
            await foreach (var message in queue.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await DeliverAsync(message, stoppingToken);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running);
    }

    private async Task DeliverAsync(BackchannelLogoutMessage message, CancellationToken stoppingToken)
    {
        var settings = options.Value.BackchannelLogout;
        var delay = settings.RetryDelay;
        var reason = "";
        for (var attempt = 1; attempt <= settings.Attempts; attempt++)
        {
            reason = await TryOnceAsync(message, settings.Timeout, stoppingToken);
            if (reason.Length == 0)
            {
                return;
            }

            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            logger.LogInformation("Back-channel logout to {ClientId}: attempt {Attempt} failed ({Reason}).", message.ClientId, attempt, reason);
            if (attempt < settings.Attempts)
            {
                try
                {
                    await Task.Delay(delay, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay *= 2;
            }
        }

        await events.BackchannelLogoutFailedAsync(new BackchannelLogoutFailedEvent(message.ClientId, message.Uri, settings.Attempts, reason));
    }

    /// <summary>"" on success; otherwise why not.</summary>
    private async Task<string> TryOnceAsync(BackchannelLogoutMessage message, TimeSpan timeout, CancellationToken stoppingToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).PostAsync(message.Uri,
                new FormUrlEncodedContent([new(OAuthParameterNames.LogoutToken, message.LogoutToken)]), timeoutSource.Token);
            return response.StatusCode is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.NoContent ? "" : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return $"no answer within {timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException exception)
        {
            return exception.HttpRequestError.ToString();
        }
        catch (OperationCanceledException)
        {
            return "the portal is stopping";
        }
    }
}
