using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace OAuthPortal.Data;

/// <summary>
/// Runs the token endpoint's short write transactions one at a time on a dedicated thread when the database is SQLite.
/// SQLite has one write lock per database, and a connection that finds it taken is retried by Microsoft.Data.Sqlite
/// with blocking 150 ms sleeps: under concurrent grants that made requests wait for seconds with the lock idle in
/// between (bench/RESULTS.md). Queued here, grants hand the lock on to each other at once, and the dedicated thread
/// starts the next one without waiting behind every other request in the thread pool. (Other writers, such as consent
/// or admin pages, still meet the grants at SQLite's lock.) With SQL Server (row locks) the work runs in place.
/// <para>
/// Waiting is bounded: a write that has not started within Database:CommandTimeout fails with
/// <see cref="DatabaseUnavailableException"/> (a 503, never a grant spent), and when the database refuses a write
/// (locked by someone else past the timeout) the writes queued behind it fail at once instead of each waiting as long
/// for the same answer. On shutdown the queued writes are finished before the gate is gone.
/// </para>
/// </summary>
public sealed class DatabaseWriteGate : IDisposable
{
    private readonly BlockingCollection<Job>? _queue;
    private readonly Thread? _writer;
    private readonly TimeSpan _startWithin;
    private long _runningSince; // Stopwatch timestamp of the write now running; 0 when none

    public DatabaseWriteGate(IOptions<DatabaseOptions> options)
    {
        _startWithin = options.Value.CommandTimeout;
        if (options.Value.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        _queue = [];
        _writer = new Thread(Drain) { IsBackground = true, Name = "OAuthPortal SQLite writer" };
        _writer.Start();
    }

    /// <summary>
    /// Runs <paramref name="work"/> after every write queued before it, and before any queued after it. A caller
    /// cancelled while waiting, or still waiting after <paramref name="startWithin"/> (default Database:CommandTimeout),
    /// is released at once and its work never starts. The work must not queue more work (it would wait for itself).
    /// </summary>
    public Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken, TimeSpan? startWithin = null)
    {
        if (_queue is null)
        {
            return work();
        }

        var job = new Job<T>(work, startWithin ?? _startWithin, cancellationToken);
        try
        {
            _queue.Add(job, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            job.Fail(new ObjectDisposedException(nameof(DatabaseWriteGate), "The portal is shutting down."));
        }

        return job.Task;
    }

    /// <summary>Writes waiting for their turn (not counting the one running).</summary>
    public int Waiting => _queue?.Count ?? 0;

    /// <summary>How long the write now running has been running (zero when none): a write stuck behind a lock shows here.</summary>
    public TimeSpan RunningFor => Volatile.Read(ref _runningSince) is var since and not 0 ? Stopwatch.GetElapsedTime(since) : TimeSpan.Zero;

    /// <summary>Takes no more writes and finishes the queued ones (their callers are in-flight requests) before returning.</summary>
    public void Dispose()
    {
        if (_queue is null || _queue.IsAddingCompleted)
        {
            return;
        }

        _queue.CompleteAdding();
        _writer!.Join(_startWithin + TimeSpan.FromSeconds(5));
    }

    private void Drain()
    {
        foreach (var job in _queue!.GetConsumingEnumerable())
        {
            Volatile.Write(ref _runningSince, Stopwatch.GetTimestamp());
            var failure = job.Run();
            Volatile.Write(ref _runningSince, 0);
            if (failure is not null && DatabaseUnavailable.Is(failure))
            {
                // The writes queued behind this one would meet the same lock: answer them now.
                while (_queue.TryTake(out var queued))
                {
                    queued.Fail(new DatabaseUnavailableException("The database refused a write queued before this one.", failure));
                }
            }
        }
    }

    private abstract class Job
    {
        /// <summary>Runs the work unless its caller has gone; returns the exception the work threw, if any.</summary>
        public abstract Exception? Run();

        /// <summary>Releases a caller whose work has not started; the work never runs.</summary>
        public abstract void Fail(Exception exception);
    }

    private sealed class Job<T> : Job
    {
        private const int Queued = 0, Started = 1, Left = 2;

        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Func<Task<T>> _work;
        private readonly ExecutionContext? _context = ExecutionContext.Capture();
        private readonly CancellationTokenRegistration _cancelled;
        private readonly CancellationTokenSource _late;
        private int _state;

        public Job(Func<Task<T>> work, TimeSpan startWithin, CancellationToken cancellationToken)
        {
            _work = work;
            _cancelled = cancellationToken.Register(() => Leave(() => _done.TrySetCanceled(cancellationToken)));
            _late = new CancellationTokenSource(startWithin);
            _late.Token.Register(() => Leave(() => _done.TrySetException(
                new DatabaseUnavailableException($"The database did not take this write within {startWithin}: other writes held it."))));
        }

        public Task<T> Task => _done.Task;

        public override Exception? Run()
        {
            Release();
            if (Interlocked.CompareExchange(ref _state, Started, Queued) != Queued)
            {
                return null; // the caller has gone (and its DbContext with it)
            }

            try
            {
                // SQLite's "async" calls complete synchronously: this thread does the whole transaction.
                _done.TrySetResult(_context is null ? _work().GetAwaiter().GetResult() : RunIn(_context, _work));
                return null;
            }
            catch (Exception exception)
            {
                _done.TrySetException(exception);
                return exception;
            }
        }

        public override void Fail(Exception exception)
        {
            Leave(() => _done.TrySetException(exception));
            Release();
        }

        private void Leave(Action answer)
        {
            if (Interlocked.CompareExchange(ref _state, Left, Queued) == Queued)
            {
                answer();
            }
        }

        private void Release()
        {
            _cancelled.Dispose();
            _late.Dispose();
        }

        private static T RunIn(ExecutionContext context, Func<Task<T>> work)
        {
            T result = default!;
            ExecutionContext.Run(context, _ => result = work().GetAwaiter().GetResult(), null);
            return result;
        }
    }
}
