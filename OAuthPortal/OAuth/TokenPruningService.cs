using Microsoft.Extensions.Options;

namespace OAuthPortal.OAuth;

/// <summary>Runs <see cref="TokenPruner"/> every OAuth:PruneInterval in the background; a failed run is logged and retried next time.</summary>
public sealed class TokenPruningService(IServiceScopeFactory scopes, IOptions<OAuthOptions> options, TimeProvider clock, ILogger<TokenPruningService> logger)
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
                var result = await scope.ServiceProvider.GetRequiredService<TokenPruner>().PruneAsync(stoppingToken);
                if (result.Tokens + result.Codes > 0)
                {
                    logger.LogInformation("Pruned {Tokens} token(s) and {Codes} authorization code(s).", result.Tokens, result.Codes);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Token pruning failed; it will run again after the next interval.");
            }
        }
    }
}
