using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OAuthPortal.Data;

/// <summary>
/// Runs the token endpoint's short write transactions one at a time on a dedicated thread when the database is SQLite.
/// SQLite has one write lock per database, and a connection that finds it taken is retried by Microsoft.Data.Sqlite
/// with blocking 150 ms sleeps: under concurrent grants that made requests wait for seconds with the lock idle in
/// between (bench/RESULTS.md). A queue hands the lock on at once, and a dedicated thread starts the next write without
/// waiting behind every other request in the thread pool. With SQL Server (row locks) the work runs in place.
/// </summary>
public sealed class DatabaseWriteGate : IDisposable
{
    private readonly BlockingCollection<Action>? _queue;

    public DatabaseWriteGate(IOptions<DatabaseOptions> options)
    {
        if (options.Value.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        _queue = [];
        new Thread(Drain) { IsBackground = true, Name = "OAuthPortal SQLite writer" }.Start();
    }

    /// <summary>
    /// Runs <paramref name="work"/> after every write queued before it, and before any queued after it. The work must
    /// not queue more work (it would wait for itself).
    /// </summary>
    public Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (_queue is null)
        {
            return work();
        }

        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var context = ExecutionContext.Capture();
        _queue.Add(() =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
                return;
            }

            try
            {
                // SQLite's "async" calls complete synchronously: this thread does the whole transaction.
                done.TrySetResult(context is null
                    ? work().GetAwaiter().GetResult()
                    : RunIn(context, work));
            }
            catch (Exception exception)
            {
                done.TrySetException(exception);
            }
        }, CancellationToken.None);
        return done.Task;
    }

    public void Dispose() => _queue?.CompleteAdding();

    private static T RunIn<T>(ExecutionContext context, Func<Task<T>> work)
    {
        T result = default!;
        ExecutionContext.Run(context, _ => result = work().GetAwaiter().GetResult(), null);
        return result;
    }

    private void Drain()
    {
        foreach (var job in _queue!.GetConsumingEnumerable())
        {
            job();
        }
    }
}
