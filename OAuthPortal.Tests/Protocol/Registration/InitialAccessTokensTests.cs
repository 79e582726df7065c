using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Registration;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Registration;

/// <summary>Initial access tokens (RFC 7591 §3): hashed, expiring, single or capped multi-use under races, revocable by their owner only.</summary>
public sealed class InitialAccessTokensTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<T> WithTokensAsync<T>(Func<InitialAccessTokens, Task<T>> work) =>
        factory.WithScopeAsync(s => work(s.GetRequiredService<InitialAccessTokens>()));

    private async Task<(string Token, InitialAccessToken Row, PortalUser Owner)> CreateAsync(bool multiUse = false, TimeSpan? lifetime = null, string[]? grantTypes = null)
    {
        var owner = await TestUsers.CreateAsync(factory);
        var (token, row) = await WithTokensAsync(t => t.CreateAsync(owner.Id, "agent", lifetime, multiUse, grantTypes));
        return (token, row, owner);
    }

    [Fact]
    public async Task Create_NewToken_IsStoredOnlyAsItsHash()
    {
        var (token, row, _) = await CreateAsync();

        var stored = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().InitialAccessTokens.AsNoTracking().SingleAsync(t => t.Id == row.Id));

        Assert.Equal(SecretHasher.Hash(token), stored.TokenHash);
        Assert.False(await factory.Database!.ContainsAsync(token), "The plaintext initial access token was found in the database files.");
    }

    [Fact]
    public async Task FindUsable_AfterItsLifetime_IsNull()
    {
        var (token, _, _) = await CreateAsync(lifetime: TimeSpan.FromMinutes(5));
        var before = await WithTokensAsync(t => t.FindUsableAsync(token));
        factory.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.NotNull(before);
        Assert.Null(await WithTokensAsync(t => t.FindUsableAsync(token)));
    }

    [Fact]
    public async Task TryUse_SingleUseTokenRacedTenTimes_RegistersExactlyOnce()
    {
        var (token, row, _) = await CreateAsync();

        var uses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => WithTokensAsync(t => t.TryUseAsync(row.Id))));

        Assert.Equal(1, uses.Count(used => used));
        Assert.Null(await WithTokensAsync(t => t.FindUsableAsync(token)));
    }

    [Fact]
    public async Task TryUse_MultiUseToken_StopsAtItsCap()
    {
        var (_, row, _) = await CreateAsync(multiUse: true);

        var uses = await Task.WhenAll(Enumerable.Range(0, row.MaxClients + 5).Select(_ => WithTokensAsync(t => t.TryUseAsync(row.Id))));

        Assert.Equal(row.MaxClients, uses.Count(used => used));
    }

    [Fact]
    public async Task Revoke_ByAnotherUser_IsRefusedAndByTheOwnerEndsTheToken()
    {
        var (token, row, owner) = await CreateAsync(multiUse: true);
        var stranger = await TestUsers.CreateAsync(factory);

        var byStranger = await WithTokensAsync(t => t.RevokeAsync(stranger.Id, row.Id));
        var byOwner = await WithTokensAsync(t => t.RevokeAsync(owner.Id, row.Id));

        Assert.False(byStranger);
        Assert.True(byOwner);
        Assert.Null(await WithTokensAsync(t => t.FindUsableAsync(token)));
        Assert.False(await WithTokensAsync(t => t.TryUseAsync(row.Id)));
    }

    [Fact]
    public async Task LimitRegisteredGrantTypes_TokenCappedToAuthorizationCode_RefusesClientCredentials()
    {
        var (_, row, _) = await CreateAsync(grantTypes: ["authorization_code", "refresh_token"]);
        var uncapped = (await CreateAsync()).Row;

        Assert.Null(LimitRegisteredGrantTypes.Check(["authorization_code"], open: false, row.AllowedGrantTypes));
        Assert.Contains("allows only", LimitRegisteredGrantTypes.Check(["authorization_code", "client_credentials"], open: false, row.AllowedGrantTypes));
        Assert.Null(LimitRegisteredGrantTypes.Check(["client_credentials"], open: false, uncapped.AllowedGrantTypes));
    }

    [Fact]
    public void LimitRegisteredGrantTypes_OpenRegistration_RefusesClientCredentials()
    {
        Assert.Contains("client_credentials", LimitRegisteredGrantTypes.Check(["client_credentials"], open: true, cap: null));
        Assert.Null(LimitRegisteredGrantTypes.Check(null, open: true, cap: null));
    }
}
