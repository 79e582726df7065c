using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Cluster;

/// <summary>A new secret stored by one portal instance and shown by another (the POST and the GET after it may meet different instances).</summary>
public sealed class OneTimeSecretsAcrossInstancesTests
{
    private const string Subject = "client-1";

    private static Task<string> StoreAsync(PortalFactory factory, string userId, string secret) =>
        factory.WithScopeAsync(s => s.GetRequiredService<OneTimeSecrets>().StoreAsync(userId, Subject, secret, CancellationToken.None));

    private static Task<string?> TakeAsync(PortalFactory factory, string userId, string handle, string subject = Subject) =>
        factory.WithScopeAsync(s => s.GetRequiredService<OneTimeSecrets>().TakeAsync(userId, subject, handle, CancellationToken.None));

    private static Task<List<HandedOverSecret>> RowsAsync(PortalFactory factory) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().HandedOverSecrets.AsNoTracking().ToListAsync());

    [Fact]
    public async Task Take_ThroughAnotherInstance_GivesTheSecretAndDeletesIt()
    {
        using var cluster = new TwoInstances();
        var (first, second) = (cluster.First, cluster.Second);
        var secret = TokenGenerator.NewClientId();
        var handle = await StoreAsync(first, "user-1", secret);

        var taken = await TakeAsync(second, "user-1", handle);

        Assert.Equal(secret, taken);
        Assert.Empty(await RowsAsync(first));
    }

    [Fact]
    public async Task Take_Twice_GivesTheSecretOnlyOnce()
    {
        using var cluster = new TwoInstances();
        var (first, second) = (cluster.First, cluster.Second);
        var secret = TokenGenerator.NewClientId();
        var handle = await StoreAsync(first, "user-1", secret);

        var (once, twice) = (await TakeAsync(second, "user-1", handle), await TakeAsync(first, "user-1", handle));

        Assert.Equal((secret, null), (once, twice));
    }

    [Fact]
    public async Task Take_ManyAtOnceOnTwoInstances_GivesTheSecretOnce()
    {
        using var cluster = new TwoInstances();
        var (first, second) = (cluster.First, cluster.Second);
        var secret = TokenGenerator.NewClientId();
        var handle = await StoreAsync(first, "user-1", secret);

        var taken = await Task.WhenAll(Enumerable.Range(0, 8).SelectMany(_ => new[]
        {
            Task.Run(() => TakeAsync(first, "user-1", handle)), Task.Run(() => TakeAsync(second, "user-1", handle)),
        }));

        Assert.Equal(secret, Assert.Single(taken, t => t is not null));
    }

    [Fact]
    public async Task Take_ByAnotherUserOrForAnotherSubject_IsNullAndLeavesItForItsOwner()
    {
        using var cluster = new TwoInstances();
        var (first, second) = (cluster.First, cluster.Second);
        var secret = TokenGenerator.NewClientId();
        var handle = await StoreAsync(first, "user-1", secret);

        var (otherUser, otherSubject) = (await TakeAsync(second, "user-2", handle), await TakeAsync(second, "user-1", handle, "client-2"));

        Assert.Equal((null, null), (otherUser, otherSubject));
        Assert.Equal(secret, await TakeAsync(second, "user-1", handle));
    }

    [Fact]
    public async Task Take_AfterFiveMinutes_IsNull()
    {
        using var cluster = new TwoInstances();
        var (first, second) = (cluster.First, cluster.Second);
        var handle = await StoreAsync(first, "user-1", TokenGenerator.NewClientId());
        second.Clock.Advance(OneTimeSecrets.Lifetime);

        Assert.Null(await TakeAsync(second, "user-1", handle));
    }

    [Fact]
    public async Task Store_TheRow_HoldsNeitherTheSecretNorTheHandle()
    {
        using var factory = new PortalFactory();
        var secret = TokenGenerator.NewClientId();

        var handle = await StoreAsync(factory, "user-1", secret);

        var row = Assert.Single(await RowsAsync(factory));
        Assert.Equal(32, row.Key.Length);
        Assert.Equal(PortalFactory.Start.UtcDateTime + OneTimeSecrets.Lifetime, row.ExpiresAt);
        Assert.DoesNotContain(secret, row.ProtectedValue);
        Assert.False(await factory.Database!.ContainsAsync(secret), "the secret is stored in plaintext");
        Assert.False(await factory.Database!.ContainsAsync(handle), "the handle is stored in plaintext");
    }

    [Fact]
    public async Task Prune_ExpiredAndLiveSecrets_DeletesOnlyTheExpired()
    {
        using var factory = new PortalFactory();
        await StoreAsync(factory, "user-1", TokenGenerator.NewClientId());
        factory.Clock.Advance(OneTimeSecrets.Lifetime);
        var live = await StoreAsync(factory, "user-1", "live");

        var pruned = await factory.WithScopeAsync(s => s.GetRequiredService<OneTimeSecrets>().PruneAsync());

        Assert.Equal(1, pruned);
        Assert.Equal("live", await TakeAsync(factory, "user-1", live));
    }
}
