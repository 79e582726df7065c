using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Cluster;

/// <summary>Two portal instances (two hosts, two clocks) on one database: a lease has one holder, a lock one runner at a time.</summary>
public sealed class ClusterLeasesTests
{
    private static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(1);

    private static Task<bool> TryAcquireAsync(PortalFactory factory, string name) =>
        factory.WithScopeAsync(s => s.GetRequiredService<ClusterLeases>().TryAcquireAsync(name, HoldFor));

    private static string InstanceId(PortalFactory factory) => factory.Services.GetRequiredService<ClusterInstance>().Id;

    private static Task<ClusterLease> RowAsync(PortalFactory factory, string name) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().ClusterLeases.AsNoTracking().SingleAsync(l => l.Name == name));

    [Fact]
    public async Task TryAcquire_NoRowYet_TakesItForThisInstance()
    {
        using var factory = new PortalFactory();
        var name = Unique.Name("lease");

        var taken = await TryAcquireAsync(factory, name);

        var row = await RowAsync(factory, name);
        Assert.True(taken);
        Assert.Equal((InstanceId(factory), PortalFactory.Start.UtcDateTime + HoldFor), (row.Holder, row.ExpiresAt));
    }

    [Fact]
    public async Task TryAcquire_HeldByAnotherInstance_IsRefused()
    {
        using var cluster = new TwoInstances();
        var (first, second) = (cluster.First, cluster.Second);
        var name = Unique.Name("lease");
        await TryAcquireAsync(first, name);

        var taken = await TryAcquireAsync(second, name);

        Assert.False(taken);
        Assert.Equal(InstanceId(first), (await RowAsync(first, name)).Holder);
    }

    [Fact]
    public async Task TryAcquire_HeldByThisInstance_IsRenewedFromNow()
    {
        using var factory = new PortalFactory();
        var name = Unique.Name("lease");
        await TryAcquireAsync(factory, name);
        factory.Clock.Advance(TimeSpan.FromSeconds(30));

        var taken = await TryAcquireAsync(factory, name);

        Assert.True(taken);
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime + HoldFor, (await RowAsync(factory, name)).ExpiresAt);
    }

    [Fact]
    public async Task TryAcquire_WhenTheHoldersLeaseHasExpired_AnotherInstanceTakesIt()
    {
        using var cluster = new TwoInstances();
        var (first, second) = (cluster.First, cluster.Second);
        var name = Unique.Name("lease");
        await TryAcquireAsync(first, name);
        second.Clock.Advance(HoldFor);

        var taken = await TryAcquireAsync(second, name);

        Assert.True(taken);
        Assert.Equal(InstanceId(second), (await RowAsync(first, name)).Holder);
        Assert.False(await TryAcquireAsync(first, name));
    }

    [Fact]
    public async Task TryAcquire_ManyAtOnceOnTwoInstances_OnlyOneInstanceGetsIt()
    {
        using var cluster = new TwoInstances();
        var (first, second) = (cluster.First, cluster.Second);
        var name = Unique.Name("lease");

        var attempts = Enumerable.Range(0, 10).SelectMany(_ => new[] { (first, Task.Run(() => TryAcquireAsync(first, name))), (second, Task.Run(() => TryAcquireAsync(second, name))) }).ToList();
        await Task.WhenAll(attempts.Select(a => a.Item2));

        var winners = attempts.Where(a => a.Item2.Result).Select(a => InstanceId(a.Item1)).Distinct().ToList();
        Assert.Equal([(await RowAsync(first, name)).Holder], winners);
    }

    [Theory]
    [InlineData("00:01:00", "00:00:54")]
    [InlineData("01:00:00", "00:59:50")]
    [InlineData("00:00:01", "00:00:00.9")]
    public void ForInterval_AnInterval_IsTheIntervalLessATenthAtMostTenSeconds(string interval, string lease) =>
        Assert.Equal(TimeSpan.Parse(lease), ClusterLeases.ForInterval(TimeSpan.Parse(interval)));

    [Fact]
    public async Task RunLocked_ReadThenWriteAtOnceOnTwoInstances_LosesNoUpdate()
    {
        using var cluster = new TwoInstances();
        var (first, second) = (cluster.First, cluster.Second);
        var (lockName, counter) = (Unique.Name("lock"), Unique.Name("counter"));
        await first.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            db.ClusterLeases.Add(new ClusterLease { Name = counter, Holder = "0", ExpiresAt = PortalFactory.Start.UtcDateTime });
            await db.SaveChangesAsync();
        });

        // Each increment reads the counter and writes it back plus one: without the lock, concurrent ones overwrite each other.
        Task<int> IncrementAsync(PortalFactory factory) => factory.WithScopeAsync(s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            return s.GetRequiredService<ClusterLeases>().RunLockedAsync(lockName, async () =>
            {
                var value = int.Parse(await db.ClusterLeases.Where(l => l.Name == counter).Select(l => l.Holder).SingleAsync()) + 1;
                await Task.Yield();
                await db.ClusterLeases.Where(l => l.Name == counter).ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, value.ToString()));
                return value;
            });
        });
        var increments = await Task.WhenAll(Enumerable.Range(0, 8).SelectMany(_ => new[] { Task.Run(() => IncrementAsync(first)), Task.Run(() => IncrementAsync(second)) }));

        Assert.Equal(Enumerable.Range(1, 16), increments.Order());
        Assert.Equal("16", (await RowAsync(first, counter)).Holder);
    }
}
