using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Oidc.Keys;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Oidc.Keys;

/// <summary>Two portal instances (two hosts, two clocks) on one database: the ring changes once, whoever acts.</summary>
public sealed class SigningKeyConcurrencyTests
{
    private const int RunsPerInstance = 10;

    private static PortalFactory SecondInstance(PortalFactory first) =>
        PortalFactory.SharingDatabaseOf(first);

    private static Task<List<SigningKey>> RowsAsync(PortalFactory factory) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().SigningKeys.AsNoTracking().ToListAsync());

    private static Task<int> AuditCountAsync(PortalFactory factory, AuditAction action) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.CountAsync(e => e.Action == action));

    [Fact]
    public async Task Start_TwoInstancesOnAFreshDatabase_CreateOneKeyPerAlgorithm()
    {
        using var first = new PortalFactory();
        using var second = SecondInstance(first);

        await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));

        var rows = await RowsAsync(first);
        Assert.Equal(2, rows.Count);
        Assert.Equal(2, await AuditCountAsync(first, AuditAction.SigningKeyCreated));
    }

    [Fact]
    public async Task RotationCheck_TwoInstancesRunningItConcurrentlyManyTimes_RotateExactlyOncePerAlgorithm()
    {
        using var first = new PortalFactory();
        using var second = SecondInstance(first);
        _ = first.Services;
        _ = second.Services;
        first.Clock.Advance(TimeSpan.FromDays(89));
        second.Clock.Advance(TimeSpan.FromDays(89));

        await Task.WhenAll(Enumerable.Range(0, RunsPerInstance)
            .SelectMany(_ => new[] { Task.Run(() => TestSigningKeys.CheckAsync(first)), Task.Run(() => TestSigningKeys.CheckAsync(second)) }));

        var rows = await RowsAsync(first);
        foreach (var algorithm in SigningAlgorithms.All)
        {
            Assert.Equal([1, 2], rows.Where(k => k.Algorithm == algorithm).Select(k => k.Generation).Order());
        }

        // Advancing the clocks also fired each instance's own one-minute check in the background, which the test does not
        // await: a rotation it won is committed before its audit entry is written, so give that entry a moment (a third
        // entry would still fail the assertion).
        var audited = await AuditCountAsync(first, AuditAction.SigningKeyRotated);
        for (var wait = 0; wait < 50 && audited < 2; wait++)
        {
            await Task.Delay(100);
            audited = await AuditCountAsync(first, AuditAction.SigningKeyRotated);
        }

        Assert.Equal(2, audited);
        var published = (await TestSigningKeys.ListAsync(second)).Where(k => k.Phase == SigningKeyPhase.Published).Select(k => k.KeyId).ToList();
        Assert.Equal(2, published.Count);
        // Whichever instance won, the other sees the change within the ring's refresh interval (it may have read the
        // ring during the race, at the same fake instant, just before the winner's insert).
        first.Clock.Advance(SigningKeyRing.RefreshInterval);
        Assert.Subset((await TestSigningKeys.JwksKeyIdsAsync(first)).ToHashSet(), published.ToHashSet());
    }

    [Fact]
    public async Task RotateNow_OnOneInstance_TheOtherSignsWithTheNewKeyWithinTheRefreshInterval()
    {
        using var first = new PortalFactory();
        using var second = SecondInstance(first);
        var (_, oldKid) = await TestSigningKeys.SignAsync(second, SigningAlgorithms.RS256);

        var result = await first.WithScopeAsync(s => s.GetRequiredService<SigningKeyRotation>().RotateAsync(SigningAlgorithms.RS256, immediately: true, "test"));
        second.Clock.Advance(SigningKeyRing.RefreshInterval);
        var (_, newKid) = await TestSigningKeys.SignAsync(second, SigningAlgorithms.RS256);

        Assert.Equal(oldKid, result.PreviousKeyId);
        Assert.Equal(result.KeyId, newKid);
    }
}
