using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OAuthPortal.Data;

/// <summary>
/// Runs the token endpoint's short write transactions one at a time on a dedicated thread when the database is SQLite.
/// SQLite has one write lock per database, and a connection that finds it taken is retried by Microsoft.Data.Sqlite
/// with blocking 150 ms sleeps: under concurrent grants that made requests wait for seconds with the lock idle in
/// between (bench/RESULTS.md). Queued here, grants hand the lock on to each other at once, and the dedicated thread
/// starts the next one without waiting behind every other request in the thread pool. (Other writers, such as consent
/// or admin pages, still meet the grants at SQLite's lock.) With SQL Server (row locks) the work runs in place.
/// </summary>
public sealed class DatabaseWriteGate : IDisposable
{
    private const int Queued = 0, Started = 1, Cancelled = 2;

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
    /// Runs <paramref name="work"/> after every write queued before it, and before any queued after it. A caller
    /// cancelled while waiting is released at once and its work never starts. The work must not queue more work (it
    /// would wait for itself).
    /// </summary>
    public Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (_queue is null)
        {
            return work();
        }

        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var state = Queued;
        var registration = cancellationToken.Register(() =>
        {
            if (Interlocked.CompareExchange(ref state, Cancelled, Queued) == Queued)
            {
                done.TrySetCanceled(cancellationToken);
            }
        });
        var context = ExecutionContext.Capture();
        void Job()
        {
            registration.Dispose();
            if (Interlocked.CompareExchange(ref state, Started, Queued) != Queued)
            {
                return; // the caller has gone (and its DbContext with it)
            }

            try
            {
                // SQLite's "async" calls complete synchronously: this thread does the whole transaction.
                done.TrySetResult(context is null ? work().GetAwaiter().GetResult() : RunIn(context, work));
            }
            catch (Exception exception)
            {
                done.TrySetException(exception);
            }
        }

        try
        {
            _queue.Add(Job, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            registration.Dispose();
            return Task.FromException<T>(new ObjectDisposedException(nameof(DatabaseWriteGate), "The portal is shutting down."));
        }

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
            job(); // never throws: each job hands its outcome to its caller
        }
    }
}
