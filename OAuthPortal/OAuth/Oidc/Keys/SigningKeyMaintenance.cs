namespace OAuthPortal.OAuth.Oidc.Keys;

/// <summary>
/// The ring's background check, on every instance, every <see cref="Interval"/> (timed by the injected
/// <see cref="TimeProvider"/>): a key for any algorithm that has none, the automatic rotation, and the deletion of keys
/// whose retirement is over. Instances sharing a database may run it at the same moment: each step is safe to race
/// (see <see cref="SigningKeyRotation"/> and <see cref="SigningKeyRemoval"/>). A failed run is logged and retried.
/// </summary>
public sealed class SigningKeyMaintenance(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SigningKeyMaintenance> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>One check, now (what the timer runs).</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rotation = scope.ServiceProvider.GetRequiredService<SigningKeyRotation>();
        var changes = (await rotation.EnsureAsync(cancellationToken: cancellationToken)).Concat(await rotation.RotateDueAsync(cancellationToken));
        foreach (var change in changes)
        {
            logger.LogInformation("Signing keys: {Change}", change.Describe());
        }

        var deleted = await scope.ServiceProvider.GetRequiredService<SigningKeyRemoval>().DeleteExpiredAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Signing keys: deleted {Count} key(s) whose retirement is over.", deleted);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "The signing-key check failed; it runs again in {Interval}.", Interval);
            }
        }
    }
}
