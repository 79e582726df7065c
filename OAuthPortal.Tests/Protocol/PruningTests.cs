using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.OAuth.Token;
using OAuthPortal.Tests.Cli;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol;

/// <summary>Pruning removes only what is past OAuth:RetainExpiredFor (7 days) and never the audit log.</summary>
public sealed class PruningTests
{
    private static readonly DateTime Now = PortalFactory.Start.UtcDateTime;

    private static async Task<Dictionary<string, long>> SeedAsync(PortalFactory factory)
    {
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1);
        return await factory.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            Grant NewGrant(DateTime created) => new()
            {
                Kind = GrantKind.AuthorizationCode, ClientId = scenario.ClientId, UserId = scenario.User.Id, ScopeNames = "x", CreatedAt = created,
            };
            AccessToken Token(DateTime created, DateTime expires, DateTime? refreshExpires, DateTime? revoked, AuthorizationCode? code = null) => new()
            {
                TokenHash = SecretHasher.Hash(Guid.NewGuid().ToString()), ClientId = scenario.ClientId, UserId = scenario.User.Id, ScopeNames = "x",
                CreatedAt = created, ExpiresAt = expires, RefreshExpiresAt = refreshExpires, Refreshable = refreshExpires is not null,
                RevokedAt = revoked, Grant = code?.Grant ?? NewGrant(created),
            };
            AuthorizationCode Code(DateTime expires, DateTime? consumed) => new()
            {
                CodeHash = SecretHasher.Hash(Guid.NewGuid().ToString()), ClientId = scenario.ClientId, UserId = scenario.User.Id,
                CreatedAt = expires.AddMinutes(-10), ExpiresAt = expires, ConsumedAt = consumed, Grant = NewGrant(expires.AddMinutes(-10)),
            };
            var oldSpentCode = Code(Now.AddDays(-20), Now.AddDays(-20));
            var rows = new Dictionary<string, object>
            {
                ["expiredLongAgo"] = Token(Now.AddDays(-40), Now.AddDays(-40), Now.AddDays(-10), null),
                ["revokedLongAgo"] = Token(Now.AddDays(-40), Now.AddDays(-39), Now.AddDays(-10), Now.AddDays(-35)),
                ["rotatedLongAgoRefreshLive"] = Token(Now.AddDays(-9), Now.AddDays(-8), Now.AddDays(20), Now.AddDays(-8)),
                ["expiredRecently"] = Token(Now.AddDays(-3), Now.AddDays(-3), null, null),
                ["revokedRecently"] = Token(Now.AddDays(-1), Now.AddHours(-1), Now.AddDays(29), Now.AddDays(-1)),
                ["accessExpiredRefreshLive"] = Token(Now.AddDays(-20), Now.AddDays(-20), Now.AddDays(10), null, oldSpentCode),
                ["active"] = Token(Now, Now.AddHours(1), Now.AddDays(30), null),
                ["oldSpentCode"] = oldSpentCode,
                ["oldSpentCodeWithoutTokens"] = Code(Now.AddDays(-9), Now.AddDays(-9)),
                ["oldExpiredCode"] = Code(Now.AddDays(-8), null),
                ["recentSpentCode"] = Code(Now.AddDays(-1), Now.AddDays(-1)),
                ["liveCode"] = Code(Now.AddMinutes(5), null),
            };
            foreach (var row in rows.Values)
            {
                db.Add(row);
            }

            await db.SaveChangesAsync();
            return rows.ToDictionary(r => r.Key, r => r.Value is AccessToken t ? t.Id : ((AuthorizationCode)r.Value).Id);
        });
    }

    private static Task<(List<long> Tokens, List<long> Codes, int Audit)> RemainingAsync(PortalFactory factory) => factory.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<PortalDbContext>();
        return (await db.AccessTokens.Select(t => t.Id).ToListAsync(), await db.AuthorizationCodes.Select(c => c.Id).ToListAsync(), await db.AuditEvents.CountAsync());
    });

    [Fact]
    public async Task Prune_MixedRows_RemovesOnlyWhatIsOlderThanTheRetentionAndKeepsTheAudit()
    {
        using var factory = new PortalFactory();
        var ids = await SeedAsync(factory);
        var audit = (await RemainingAsync(factory)).Audit;

        var result = await factory.WithScopeAsync(s => s.GetRequiredService<TokenPruner>().PruneAsync());

        var (tokens, codes, auditAfter) = await RemainingAsync(factory);
        Assert.Equal(new PruneResult(2, 2, 0), result);
        Assert.DoesNotContain(ids["expiredLongAgo"], tokens);
        Assert.DoesNotContain(ids["revokedLongAgo"], tokens);
        Assert.Superset(new HashSet<long>
        {
            ids["expiredRecently"], ids["revokedRecently"], ids["accessExpiredRefreshLive"], ids["active"], ids["rotatedLongAgoRefreshLive"],
        }, tokens.ToHashSet());
        Assert.DoesNotContain(ids["oldSpentCodeWithoutTokens"], codes);
        Assert.DoesNotContain(ids["oldExpiredCode"], codes);
        Assert.Superset(new HashSet<long> { ids["recentSpentCode"], ids["liveCode"], ids["oldSpentCode"] }, codes.ToHashSet());
        Assert.Equal(audit, auditAfter);
        var survivor = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AccessTokens.SingleAsync(t => t.Id == ids["accessExpiredRefreshLive"]));
        var oldSpentCodeGrant = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuthorizationCodes
            .Where(c => c.Id == ids["oldSpentCode"]).Select(c => c.GrantId).SingleAsync());
        Assert.Equal(oldSpentCodeGrant, survivor.GrantId);
    }

    [Fact]
    public async Task Prune_GrantsOfPrunedRows_AreDeletedWithNothingLeftPointingNowhere()
    {
        using var factory = new PortalFactory();
        await SeedAsync(factory);

        await factory.WithScopeAsync(s => s.GetRequiredService<TokenPruner>().PruneAsync());

        var (grants, orphans, dangling) = await factory.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            return (await db.Grants.CountAsync(),
                await db.Grants.CountAsync(g => !db.AccessTokens.Any(t => t.GrantId == g.Id) && !db.AuthorizationCodes.Any(c => c.GrantId == g.Id)),
                await db.AccessTokens.CountAsync(t => !db.Grants.Any(g => g.Id == t.GrantId)) + await db.AuthorizationCodes.CountAsync(c => !db.Grants.Any(g => g.Id == c.GrantId)));
        });
        Assert.Equal(0, orphans);
        Assert.Equal(0, dangling);
        Assert.Equal(7, grants); // 4 kept tokens with grants of their own, the old spent code with its token, 2 kept codes
    }

    [Fact]
    public async Task RefreshReplay_AfterPruning_StillRevokesTheWholeFamily()
    {
        using var factory = new PortalFactory();
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1);
        var first = await TokenEndpoint.ObtainTokensAsync(scenario);
        factory.Clock.Advance(TimeSpan.FromDays(8));
        var second = await TokenEndpoint.TokenAsync(factory.CreateClient(), Token.AuthorizationCodeGrantTests.RefreshForm(scenario, first["refresh_token"]!));
        factory.Clock.Advance(TimeSpan.FromDays(8));
        var third = await TokenEndpoint.TokenAsync(factory.CreateClient(), Token.AuthorizationCodeGrantTests.RefreshForm(scenario, second["refresh_token"]!));

        await factory.WithScopeAsync(s => s.GetRequiredService<TokenPruner>().PruneAsync());
        var replay = await TokenEndpoint.TokenAsync(factory.CreateClient(), Token.AuthorizationCodeGrantTests.RefreshForm(scenario, first["refresh_token"]!));

        Assert.Equal("invalid_grant", replay["error"]);
        Assert.True(await TestTokens.IsRevokedAsync(factory, third["access_token"]!), "the live member of the family survived the replay");
    }

    [Fact]
    public async Task Prune_UsedJwtIds_RemovesOnlyThoseWhoseJwtCanNoLongerBeAccepted()
    {
        using var factory = new PortalFactory();
        var (expired, live) = (new byte[] { 1 }, new byte[] { 2 });
        await factory.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            db.UsedJwtIds.AddRange(new UsedJwtId { Key = expired, ExpiresAt = Now.AddSeconds(-1) }, new UsedJwtId { Key = live, ExpiresAt = Now.AddMinutes(1) });
            await db.SaveChangesAsync();
        });

        var result = await factory.WithScopeAsync(s => s.GetRequiredService<TokenPruner>().PruneAsync());

        var left = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().UsedJwtIds.Select(u => u.Key).ToListAsync());
        Assert.Equal(1, result.UsedJwtIds);
        Assert.Equal(live, Assert.Single(left));
    }

    [Fact]
    public async Task Prune_AfterAClientAssertion_KeepsItsJtiUntilTheAssertionExpires()
    {
        using var factory = new PortalFactory();
        var key = KeyClients.Rsa();
        var clientId = await KeyClients.RegisterAsync(factory, KeyClients.JwkSet(key));
        var assertion = KeyClients.Assertion(factory, key, clientId);
        Html.AssertStatus(System.Net.HttpStatusCode.OK, (await KeyClients.ClientCredentialsAsync(factory.CreateClient(), assertion)).Response);

        var kept = await factory.WithScopeAsync(s => s.GetRequiredService<TokenPruner>().PruneAsync());
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var pruned = await factory.WithScopeAsync(s => s.GetRequiredService<TokenPruner>().PruneAsync());

        Assert.Equal((0, 1), (kept.UsedJwtIds, pruned.UsedJwtIds));
    }

    [Fact]
    public async Task TokensPrune_Cli_PrintsHowManyRowsWent()
    {
        using var factory = new PortalFactory();
        await SeedAsync(factory);

        var first = await CliRunner.RunAsync(factory, "tokens", "prune");
        var second = await CliRunner.RunAsync(factory, "tokens", "prune");

        Assert.Equal((0, "Deleted 2 token(s), 2 authorization code(s) and 0 device code(s)."), (first.ExitCode, first.Output.Trim()));
        Assert.Equal("Deleted 0 token(s), 0 authorization code(s) and 0 device code(s).", second.Output.Trim());
    }

    [Fact]
    public async Task BackgroundService_WhenThePruneIntervalPasses_Prunes()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:PruneInterval"] = "00:30:00" });
        var ids = await SeedAsync(factory);

        factory.Clock.Advance(TimeSpan.FromMinutes(30));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<long> tokens;
        do
        {
            await Task.Delay(50);
            tokens = (await RemainingAsync(factory)).Tokens;
        }
        while (tokens.Contains(ids["expiredLongAgo"]) && DateTime.UtcNow < deadline);

        Assert.DoesNotContain(ids["expiredLongAgo"], tokens);
        Assert.Contains(ids["active"], tokens);
    }
}
