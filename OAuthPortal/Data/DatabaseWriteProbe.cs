using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OAuthPortal.Data;

/// <summary>
/// Readiness for writes (/readyz): takes the write lock (SQLite: <c>BEGIN IMMEDIATE</c> through the write queue, like a
/// grant) and runs an update that changes nothing, then rolls back, with a short timeout. A database that answers reads
/// but cannot take writes (locked by another process, read-only, failed over) is not ready. A probe that merely waited
/// too long for its turn in the write queue (the portal is busy, not broken) is Degraded, which still answers 200, so a
/// busy instance is not taken out of the load balancer. The answer is kept for <see cref="CacheFor"/>, and one probe
/// runs at a time, so polling /readyz costs the database almost nothing.
/// </summary>
public sealed class DatabaseWriteProbe(IServiceScopeFactory scopes, DatabaseWriteGate writes) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _one = new(1, 1);
    private volatile Probed? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _one.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } justProbed)
            {
                return justProbed;
            }

            var result = await ProbeAsync(); // shared by every caller: one caller going away does not cancel it
            _last = new Probed(Stopwatch.GetTimestamp(), result);
            return result;
        }
        finally
        {
            _one.Release();
        }
    }

    private HealthCheckResult? Fresh() =>
        _last is { } last && Stopwatch.GetElapsedTime(last.At) < CacheFor ? last.Result : null;

    private sealed record Probed(long At, HealthCheckResult Result);

    private async Task<HealthCheckResult> ProbeAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        try
        {
            await writes.RunAsync(async () =>
            {
                db.Database.SetCommandTimeout(Timeout);
                await db.Database.OpenConnectionAsync();
                var sqlite = db.Database.GetDbConnection() as SqliteConnection;
                var defaultTimeout = sqlite?.DefaultTimeout;
                try
                {
                    if (sqlite is not null)
                    {
                        sqlite.DefaultTimeout = (int)Timeout.TotalSeconds; // how long BEGIN waits for the write lock
                    }

                    await using var transaction = await db.Database.BeginTransactionAsync();
                    await db.Scopes.Where(s => s.Id < 0).ExecuteUpdateAsync(s => s.SetProperty(x => x.Description, x => x.Description));
                    await transaction.RollbackAsync();
                    return true;
                }
                finally
                {
                    if (sqlite is not null)
                    {
                        sqlite.DefaultTimeout = defaultTimeout!.Value;
                    }

                    await db.Database.CloseConnectionAsync();
                }
            }, CancellationToken.None, startWithin: Timeout);
            return HealthCheckResult.Healthy("Writes get through.");
        }
        catch (DatabaseUnavailableException late) when (late.InnerException is null && writes.RunningFor < Timeout)
        {
            // Not started in time, yet the writes ahead of it keep finishing: busy, not stuck.
            return HealthCheckResult.Degraded($"Writes wait more than {Timeout.TotalSeconds:0} s for their turn: the portal is busy.");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy($"Writes do not get through: {exception.GetBaseException().Message}");
        }
    }
}
