using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;

namespace OAuthPortal.Tests.Protocol;

/// <summary>
/// The SQLite write queue the grants run their transactions in: one at a time, failures stay with their caller, waits are
/// bounded, and shutdown finishes what is queued.
/// </summary>
public sealed class DatabaseWriteGateTests : IDisposable
{
    private readonly DatabaseWriteGate _gate = new(Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite }));

    public void Dispose() => _gate.Dispose();

    [Fact]
    public async Task RunAsync_ManyConcurrentWrites_NeverOverlapAndAllComplete()
    {
        var inside = 0;
        var mostAtOnce = 0;

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => _gate.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref mostAtOnce, now);
            await Task.Delay(1); // a write that really yields still holds its turn
            Interlocked.Decrement(ref inside);
            return i;
        }, CancellationToken.None))));

        Assert.Equal(1, mostAtOnce);
        Assert.Equal(Enumerable.Range(0, 50), results.Order());
    }

    [Fact]
    public async Task RunAsync_WorkThrows_FaultsThatCallerOnlyAndTheQueueGoesOn()
    {
        var failing = _gate.RunAsync<int>(() => throw new InvalidOperationException("write failed"), CancellationToken.None);
        var next = _gate.RunAsync(() => Task.FromResult(42), CancellationToken.None);

        Assert.Equal("write failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        Assert.Equal(42, await next);
    }

    [Fact]
    public async Task RunAsync_CancelledBeforeItsTurn_ReleasesTheCallerAtOnceAndNeverRuns()
    {
        var release = new TaskCompletionSource();
        var blocker = _gate.RunAsync(async () => { await release.Task; return 0; }, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var ran = false;
        var queued = _gate.RunAsync(() => { ran = true; return Task.FromResult(1); }, cancellation.Token);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued); // while the blocker still holds the turn
        release.SetResult();
        await blocker;
        await _gate.RunAsync(() => Task.FromResult(0), CancellationToken.None); // the queue has passed the cancelled job

        Assert.False(ran);
    }

    [Fact]
    public async Task RunAsync_NotStartedWithinItsBound_FailsAsDatabaseUnavailableAndNeverRuns()
    {
        var release = new TaskCompletionSource();
        var blocker = _gate.RunAsync(async () => { await release.Task; return 0; }, CancellationToken.None);
        var ran = false;

        var late = _gate.RunAsync(() => { ran = true; return Task.FromResult(1); }, CancellationToken.None, startWithin: TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => late); // while the blocker still holds the turn
        release.SetResult();
        await blocker;
        await _gate.RunAsync(() => Task.FromResult(0), CancellationToken.None);
        Assert.False(ran);
    }

    [Fact]
    public async Task RunAsync_TheDatabaseRefusesAWrite_TheWritesQueuedBehindItFailAtOnce()
    {
        var release = new TaskCompletionSource();
        var refused = _gate.RunAsync<int>(async () =>
        {
            await release.Task;
            throw new SqliteException("database is locked", 5);
        }, CancellationToken.None);
        var ran = 0;
        var queued = Enumerable.Range(0, 5).Select(_ => _gate.RunAsync(() => Task.FromResult(Interlocked.Increment(ref ran)), CancellationToken.None)).ToList();

        release.SetResult();

        await Assert.ThrowsAsync<SqliteException>(() => refused);
        foreach (var write in queued)
        {
            Assert.True(DatabaseUnavailable.Is(await Assert.ThrowsAsync<DatabaseUnavailableException>(() => write)));
        }

        Assert.Equal(0, ran);
        Assert.Equal(7, await _gate.RunAsync(() => Task.FromResult(7), CancellationToken.None)); // later writes run again
    }

    [Fact]
    public async Task Dispose_WithWritesQueued_FinishesThemBeforeReturning()
    {
        var release = new TaskCompletionSource();
        var first = _gate.RunAsync(async () => { await release.Task; return 1; }, CancellationToken.None);
        var queued = Enumerable.Range(2, 5).Select(i => _gate.RunAsync(() => Task.FromResult(i), CancellationToken.None)).ToList();

        var disposing = Task.Run(_gate.Dispose);
        await Task.Delay(50);
        release.SetResult();
        await disposing;

        Assert.True(first.IsCompletedSuccessfully);
        Assert.All(queued, q => Assert.True(q.IsCompletedSuccessfully));
        var results = await Task.WhenAll(queued.Prepend(first));
        Assert.Equal(Enumerable.Range(1, 6), results);
    }

    [Theory]
    [InlineData(5, true)] // SQLITE_BUSY: locked by another connection past the timeout
    [InlineData(6, true)] // SQLITE_LOCKED
    [InlineData(14, true)] // SQLITE_CANTOPEN: the file is gone
    [InlineData(19, false)] // SQLITE_CONSTRAINT: a bug or a race the code handles, not an outage
    [InlineData(1, false)] // SQLITE_ERROR: e.g. a syntax error
    public void DatabaseUnavailable_SqliteErrorWrappedByEfCore_IsRecognisedOnlyForOutages(int sqliteError, bool unavailable)
    {
        var wrapped = new DbUpdateException("An error occurred while saving the entity changes.", new SqliteException("error", sqliteError));

        Assert.Equal(unavailable, DatabaseUnavailable.Is(wrapped));
    }

    [Fact]
    public async Task RunAsync_AfterDispose_FailsWithoutQueueing()
    {
        _gate.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => _gate.RunAsync(() => Task.FromResult(1), CancellationToken.None));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public async Task RunAsync_ServerDatabase_RunsWritesConcurrentlyInPlace(DatabaseProvider provider)
    {
        using var gate = new DatabaseWriteGate(Options.Create(new DatabaseOptions { Provider = provider }));
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = gate.RunAsync(async () => { firstStarted.SetResult(); await release.Task; return 1; }, CancellationToken.None);
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await gate.RunAsync(() => Task.FromResult(2), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, second);
        Assert.False(first.IsCompleted, "the second write had to wait for the first: the queue is for SQLite only");
        release.SetResult();
        Assert.Equal(1, await first);
    }
}
