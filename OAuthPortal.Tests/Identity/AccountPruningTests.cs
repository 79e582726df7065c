using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Identity;

/// <summary>The background pruning also removes sign-in sessions and failed-sign-in counters that have nothing left to say.</summary>
public sealed class AccountPruningTests
{
    [Fact]
    public async Task UserSessions_Prune_DeletesSessionsEndedADayAgoAndKeepsLiveOnes()
    {
        using var factory = new PortalFactory();
        var user = await TestUsers.CreateAsync(factory);
        var (ended, live) = await factory.WithScopeAsync(async s =>
        {
            var sessions = s.GetRequiredService<UserSessions>();
            var first = await sessions.StartAsync(user.Id, "127.0.0.1", "test");
            var second = await sessions.StartAsync(user.Id, "127.0.0.1", "test");
            await sessions.EndAsync(user.Id, first);
            return (first, second);
        });

        factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1)); // the background pruning may run now too
        await factory.WithScopeAsync(s => s.GetRequiredService<UserSessions>().PruneAsync());

        var left = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().UserSessions.Select(x => x.Id).ToListAsync());
        Assert.Equal([live], left);
        Assert.DoesNotContain(ended, left);
    }

    [Fact]
    public async Task SignInThrottle_Counters_ArePrunedADayOldUnlessALockIsInForce()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { ["Portal:LockoutDuration"] = "2.00:00:00" });
        await factory.WithScopeAsync(async s =>
        {
            var throttle = s.GetRequiredService<SignInThrottle>();
            await throttle.TryBeginAsync("once@example.test", null, trustedDevice: false);
            await throttle.FailedAsync("once@example.test", null, trustedDevice: false);
            for (var i = 0; i < 5; i++)
            {
                await throttle.TryBeginAsync("locked@example.test", null, trustedDevice: false);
                await throttle.FailedAsync("locked@example.test", null, trustedDevice: false);
            }
        });

        factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1)); // the background pruning may run now too
        await factory.WithScopeAsync(s => s.GetRequiredService<AttemptCounters>().PruneAsync());
        var left = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().SignInFailures.AsNoTracking().ToListAsync());

        // Gone: "once" from its source and from anywhere, "locked" from anywhere (5 failures, below the account-wide
        // limit). Left: "locked" from its source, whose lock lasts two days.
        var locked = Assert.Single(left);
        Assert.True(locked.LockedUntil > factory.Clock.GetUtcNow().UtcDateTime);
    }
}
