using Microsoft.Extensions.Options;
using OAuthPortal.Data;

namespace OAuthPortal.Tests.Protocol;

/// <summary>The SQLite write queue the grants run their transactions in: one at a time, failures stay with their caller.</summary>
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
}
