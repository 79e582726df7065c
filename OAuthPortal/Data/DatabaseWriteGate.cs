using Microsoft.Extensions.Options;

namespace OAuthPortal.Data;

/// <summary>
/// Queues the token endpoint's short write transactions inside the process when the database is SQLite. SQLite has
/// one write lock per database, and a connection that finds it taken is retried by Microsoft.Data.Sqlite with blocking
/// 150 ms sleeps: under concurrent grants that made requests wait for seconds with the lock idle in between
/// (bench/RESULTS.md). An async queue hands the lock on at once. With SQL Server (row locks) it does nothing.
/// </summary>
public sealed class DatabaseWriteGate(IOptions<DatabaseOptions> options)
{
    private readonly SemaphoreSlim? _gate = options.Value.Provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Waits for this process's turn to write; dispose the result to pass the turn on.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        if (_gate is not null)
        {
            await _gate.WaitAsync(cancellationToken);
        }

        return new Turn(_gate);
    }

    public readonly struct Turn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
