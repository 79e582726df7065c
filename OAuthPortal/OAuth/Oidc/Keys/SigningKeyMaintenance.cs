using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Oidc.Keys;

/// <summary>
/// The ring's background check, every <see cref="Interval"/> (timed by the injected <see cref="TimeProvider"/>), by
/// whichever instance takes the <see cref="LeaseName"/> lease for that interval (<see cref="ClusterLeases"/>): a key for
/// any algorithm that has none, the automatic rotation, and the deletion of keys whose retirement is over. Each step is
/// safe to race all the same (see <see cref="SigningKeyRotation"/> and <see cref="SigningKeyRemoval"/>), as when
/// <see cref="RunOnceAsync"/> is called directly. A failed run is logged and retried.
/// </summary>
public sealed class SigningKeyMaintenance(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SigningKeyMaintenance> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>The <see cref="ClusterLease"/> that gives one instance the check of each interval.</summary>
    public const string LeaseName = "signing-key-check";

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
                if (await TakeTurnAsync(stoppingToken))
                {
                    await RunOnceAsync(stoppingToken);
                }
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

    /// <summary>Whether this instance runs the check of this interval (it holds the lease for it).</summary>
    private async Task<bool> TakeTurnAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClusterLeases>()
            .TryAcquireAsync(LeaseName, ClusterLeases.ForInterval(Interval), cancellationToken);
    }
}
