using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Management;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Hosting;

/// <summary>
/// Every OAuth:PruneInterval in the background, by whichever instance takes the <see cref="LeaseName"/> lease for that
/// interval (<see cref="ClusterLeases"/>): <see cref="TokenPruner"/> (expired and revoked tokens, spent codes), ended or
/// idle sign-in sessions, stale <see cref="AttemptCounters"/> (wrong passwords, wrong user codes) and expired
/// <see cref="OneTimeSecrets"/>. A failed run is logged and retried next time; on shutdown the run in progress is
/// cancelled (each batch is its own statement, so nothing is left half done).
/// </summary>
public sealed class PruningService(
    IServiceScopeFactory scopes, IOptions<OAuthOptions> options, TimeProvider clock, PortalMetrics metrics, ILogger<PruningService> logger)
    : BackgroundService
{
    /// <summary>The <see cref="ClusterLease"/> that gives one instance the pruning of each interval.</summary>
    public const string LeaseName = "pruning";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var interval = options.Value.PruneInterval;
                await Task.Delay(interval, clock, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var services = scope.ServiceProvider;
                if (!await services.GetRequiredService<ClusterLeases>().TryAcquireAsync(LeaseName, ClusterLeases.ForInterval(interval), stoppingToken))
                {
                    continue; // another instance prunes this time
                }

                var result = await services.GetRequiredService<TokenPruner>().PruneAsync(stoppingToken);
                var sessions = await services.GetRequiredService<UserSessions>().PruneAsync(stoppingToken);
                var counters = await services.GetRequiredService<AttemptCounters>().PruneAsync(stoppingToken);
                var secrets = await services.GetRequiredService<OneTimeSecrets>().PruneAsync(stoppingToken);
                var rows = result.Tokens + result.Codes + result.DeviceCodes + result.UsedJwtIds + sessions + counters + secrets;
                metrics.PruningCompleted(rows);
                if (rows > 0)
                {
                    logger.LogInformation("Pruned {Tokens} token(s), {Codes} authorization code(s), {DeviceCodes} device code(s), {UsedJwtIds} used JWT id(s), {Sessions} session(s), {Counters} attempt counter(s) and {Secrets} one-time secret(s).",
                        result.Tokens, result.Codes, result.DeviceCodes, result.UsedJwtIds, sessions, counters, secrets);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                metrics.PruningFailed();
                logger.LogError(exception, "Pruning failed; it will run again after the next interval.");
            }
        }
    }
}
