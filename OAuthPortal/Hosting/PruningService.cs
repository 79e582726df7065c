using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Hosting;

/// <summary>
/// Every OAuth:PruneInterval in the background: <see cref="TokenPruner"/> (expired and revoked tokens, spent codes),
/// ended or idle sign-in sessions, and stale <see cref="AttemptCounters"/> (wrong passwords, wrong user codes). A failed
/// run is logged and retried next time; on shutdown the run in progress is cancelled (each batch is its own statement,
/// so nothing is left half done).
/// </summary>
public sealed class PruningService(IServiceScopeFactory scopes, IOptions<OAuthOptions> options, TimeProvider clock, ILogger<PruningService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.PruneInterval, clock, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var services = scope.ServiceProvider;
                var result = await services.GetRequiredService<TokenPruner>().PruneAsync(stoppingToken);
                var sessions = await services.GetRequiredService<UserSessions>().PruneAsync(stoppingToken);
                var counters = await services.GetRequiredService<AttemptCounters>().PruneAsync(stoppingToken);
                if (result.Tokens + result.Codes + result.DeviceCodes + result.UsedJwtIds + sessions + counters > 0)
                {
                    logger.LogInformation("Pruned {Tokens} token(s), {Codes} authorization code(s), {DeviceCodes} device code(s), {UsedJwtIds} used JWT id(s), {Sessions} session(s) and {Counters} attempt counter(s).",
                        result.Tokens, result.Codes, result.DeviceCodes, result.UsedJwtIds, sessions, counters);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Pruning failed; it will run again after the next interval.");
            }
        }
    }
}
