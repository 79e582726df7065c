using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management.Apps;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol;

/// <summary>
/// A database made by the migrations before grants existed (the last one: AddSessionsAndSignInThrottle), filled with
/// live codes, tokens, consents and audit rows in that schema, is upgraded by the portal's own start-up; afterwards the
/// codes and tokens still work over HTTP and nothing was lost.
/// </summary>
public sealed class MigrationUpgradeTests : IDisposable
{
    private const string PreviousMigration = "20261201220000_AddSessionsAndSignInThrottle";
    private static readonly DateTime Now = PortalFactory.Start.UtcDateTime;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"oauthportal-upgrade-{Guid.NewGuid():N}.db");
    private readonly OldRows _old = new();

    public void Dispose() => DatabaseFiles.Delete(_path);

    private sealed class OldRows
    {
        public string UserId { get; } = Guid.NewGuid().ToString();
        public string ClientId { get; } = TokenGenerator.NewClientId();
        public string PublicClientId { get; } = TokenGenerator.NewClientId();
        public string Secret { get; } = TokenGenerator.NewSecret();
        public string LiveCode { get; } = TokenGenerator.NewSecret();
        public string SpentCode { get; } = TokenGenerator.NewSecret();
        public string AccessToken { get; } = TokenGenerator.NewSecret();
        public string RefreshToken { get; } = TokenGenerator.NewSecret();
        public string CodelessAccessToken { get; } = TokenGenerator.NewSecret();
        public string CodelessRefreshToken { get; } = TokenGenerator.NewSecret();
    }

    /// <summary>The schema and rows exactly as the previous release wrote them (raw SQL: today's model has moved on).</summary>
    private async Task CreateOldDatabaseAsync()
    {
        await using var db = new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={_path}").Options);
        await db.GetService<IMigrator>().MigrateAsync(PreviousMigration);
        Assert.Equal(PreviousMigration, (await db.Database.GetAppliedMigrationsAsync()).Last());
        await db.Database.OpenConnectionAsync(); // last_insert_rowid() is per connection

        var o = _old;
        async Task<long> Insert(string sql, params object?[] values)
        {
            await db.Database.ExecuteSqlRawAsync(sql, values!);
            return await db.Database.SqlQueryRaw<long>("SELECT last_insert_rowid() AS \"Value\"").SingleAsync();
        }

        var email = $"{Guid.NewGuid():N}@example.test";
        var passwordHash = new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), TestUsers.Password);
        await Insert("""
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash",
                "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "CreatedAt")
            VALUES ({0}, {1}, {2}, {1}, {2}, 1, {3}, {4}, {5}, 0, 0, 1, 0, {6})
            """, o.UserId, email, email.ToUpperInvariant(), passwordHash, Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString(), Now.AddDays(-30));
        foreach (var (id, type, secretHash) in new[] { (o.ClientId, "Confidential", SecretHasher.Hash(o.Secret)), (o.PublicClientId, "Public", null) })
        {
            await Insert("""
                INSERT INTO "Clients" ("Id", "OwnerId", "Name", "Description", "ImageUrl", "Type", "SecretHash", "CreatedAt", "UpdatedAt", "Enabled")
                VALUES ({0}, {1}, {2}, '', NULL, {3}, {4}, {5}, {5}, 1)
                """, id, o.UserId, $"Old {type} app", type, secretHash, Now.AddDays(-30));
            await Insert("""INSERT INTO "RedirectUris" ("ClientId", "Uri", "UriHash") VALUES ({0}, {1}, {2})""",
                id, "https://app.example/callback", SHA256.HashData(Encoding.UTF8.GetBytes("https://app.example/callback")));
        }

        var scope = await Insert("""INSERT INTO "Scopes" ("Name", "Description") VALUES ('profile', 'Your e-mail address')""");
        var consent = await Insert("""INSERT INTO "ConsentGrants" ("UserId", "ClientId", "CreatedAt", "UpdatedAt") VALUES ({0}, {1}, {2}, {2})""",
            o.UserId, o.ClientId, Now.AddDays(-20));
        await Insert("""INSERT INTO "ConsentGrantScopes" ("ConsentGrantId", "ScopesId") VALUES ({0}, {1})""", consent, scope);

        async Task<long> Code(string value, DateTime? consumedAt)
        {
            var id = await Insert("""
                INSERT INTO "AuthorizationCodes" ("CodeHash", "ClientId", "UserId", "RedirectUri", "CodeChallenge", "CodeChallengeMethod", "CreatedAt", "ExpiresAt", "ConsumedAt")
                VALUES ({0}, {1}, {2}, NULL, NULL, NULL, {3}, {4}, {5})
                """, SecretHasher.Hash(value), o.ClientId, o.UserId, Now.AddMinutes(-1), Now.AddMinutes(9), consumedAt);
            await Insert("""INSERT INTO "AuthorizationCodeScopes" ("AuthorizationCodeId", "ScopesId") VALUES ({0}, {1})""", id, scope);
            return id;
        }

        async Task Token(string access, string refresh, long? codeId)
        {
            var id = await Insert("""
                INSERT INTO "AccessTokens" ("TokenHash", "RefreshTokenHash", "ClientId", "UserId", "ScopeNames", "AuthorizationCodeId", "CreatedAt",
                    "ExpiresAt", "RefreshExpiresAt", "Refreshable", "RevokedAt", "RevocationReason")
                VALUES ({0}, {1}, {2}, {3}, 'profile', {4}, {5}, {6}, {7}, 1, NULL, NULL)
                """, SecretHasher.Hash(access), SecretHasher.Hash(refresh), o.ClientId, o.UserId, codeId, Now.AddMinutes(-1), Now.AddHours(1), Now.AddDays(30));
            await Insert("""INSERT INTO "AccessTokenScopes" ("AccessTokenId", "ScopesId") VALUES ({0}, {1})""", id, scope);
        }

        await Code(o.LiveCode, consumedAt: null);
        await Token(o.AccessToken, o.RefreshToken, await Code(o.SpentCode, consumedAt: Now.AddMinutes(-1)));
        await Token(o.CodelessAccessToken, o.CodelessRefreshToken, codeId: null);
        for (var i = 0; i < 3; i++)
        {
            await Insert("""
                INSERT INTO "AuditEvents" ("OccurredAt", "Actor", "Action", "Target", "Details", "IpAddress") VALUES ({0}, 'system', 'ScopeCreated', 'scope:profile', {1}, NULL)
                """, Now.AddDays(-i), $"old entry {i}");
        }
    }

    private async Task<PortalFactory> UpgradedPortalAsync()
    {
        await CreateOldDatabaseAsync();
        var factory = PortalFactory.With(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = $"Data Source={_path}" });
        _ = factory.Server; // start-up applies the new migrations
        return factory;
    }

    private Task<TokenEndpoint.Reply> TokenAsync(PortalFactory factory, Dictionary<string, string> form) =>
        TokenEndpoint.TokenAsync(factory.CreateClient(), form, TokenEndpoint.Basic(_old.ClientId, _old.Secret));

    [Fact]
    public async Task Upgrade_LiveCodeFromThePreviousSchema_IsExchangedForTokens()
    {
        using var factory = await UpgradedPortalAsync();

        var reply = await TokenAsync(factory, new() { ["grant_type"] = "authorization_code", ["code"] = _old.LiveCode });

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.Equal("profile", reply["scope"]);
        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", reply["access_token"]));
    }

    [Fact]
    public async Task Upgrade_TokensFromThePreviousSchema_StillCallTheApi()
    {
        using var factory = await UpgradedPortalAsync();

        foreach (var token in new[] { _old.AccessToken, _old.CodelessAccessToken })
        {
            var response = await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", token);
            Html.AssertStatus(HttpStatusCode.OK, response);
            Assert.Contains(_old.UserId, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Upgrade_RefreshTokenFromThePreviousSchema_RotatesAndItsReplayRevokesTheFamily()
    {
        using var factory = await UpgradedPortalAsync();

        var rotated = await TokenAsync(factory, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = _old.RefreshToken });
        Html.AssertStatus(HttpStatusCode.OK, rotated.Response);
        var replay = await TokenAsync(factory, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = _old.RefreshToken });

        Assert.Equal("invalid_grant", replay["error"]);
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", rotated["access_token"]));
        // The other family (the token that had no code) is untouched.
        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", _old.CodelessAccessToken));
    }

    [Fact]
    public async Task Upgrade_SpentCodeFromThePreviousSchema_IsAReplayThatRevokesItsTokens()
    {
        using var factory = await UpgradedPortalAsync();

        var replay = await TokenAsync(factory, new() { ["grant_type"] = "authorization_code", ["code"] = _old.SpentCode });

        Assert.Equal("invalid_grant", replay["error"]);
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", _old.AccessToken));
    }

    [Fact]
    public async Task Upgrade_PreviousSchema_KeepsConsentsAuditAndGivesEveryRowAGrant()
    {
        using var factory = await UpgradedPortalAsync();

        var apps = await factory.WithScopeAsync(s => s.GetRequiredService<AuthorizedApps>().ListAsync(_old.UserId));
        var (audit, grants, orphans, clients) = await factory.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            return (await db.AuditEvents.CountAsync(a => a.Details.StartsWith("old entry")),
                await db.Grants.OrderBy(g => g.Id).ToListAsync(),
                await db.AccessTokens.CountAsync(t => !db.Grants.Any(g => g.Id == t.GrantId)) + await db.AuthorizationCodes.CountAsync(c => !db.Grants.Any(g => g.Id == c.GrantId)),
                await db.Clients.OrderBy(c => c.Type).Select(c => new { c.Type, c.AllowedGrantTypes, c.TokenEndpointAuthMethod }).ToListAsync());
        });

        var app = Assert.Single(apps);
        Assert.Equal(_old.ClientId, app.ClientId);
        Assert.Equal(["profile"], app.Scopes);
        Assert.Equal(3, audit);
        Assert.Equal(3, grants.Count); // the live code, the spent code with its tokens, the token that had no code
        Assert.All(grants, g => Assert.Equal((GrantKind.AuthorizationCode, _old.ClientId, _old.UserId, "profile"), (g.Kind, g.ClientId, g.UserId, g.ScopeNames)));
        Assert.Equal(0, orphans);
        Assert.Equal(
            [(ClientType.Confidential, "authorization_code refresh_token", "client_secret_basic"), (ClientType.Public, "authorization_code refresh_token", "none")],
            clients.Select(c => (c.Type, c.AllowedGrantTypes, c.TokenEndpointAuthMethod)));
    }

    [Fact]
    public async Task Downgrade_ToThePreviousMigration_KeepsCodesTokensAndTheirFamilies()
    {
        using (await UpgradedPortalAsync())
        {
        }

        await using var db = new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={_path}").Options);
        await db.GetService<IMigrator>().MigrateAsync(PreviousMigration);

        Assert.Equal(PreviousMigration, (await db.Database.GetAppliedMigrationsAsync()).Last());
        Assert.Equal(2, await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM \"AuthorizationCodes\"").SingleAsync());
        // The token that came from the spent code points at it again; the one that had no code has none.
        var codeIds = await db.Database.SqlQueryRaw<long?>("SELECT \"AuthorizationCodeId\" AS \"Value\" FROM \"AccessTokens\" ORDER BY \"Id\"").ToListAsync();
        Assert.Equal(2, codeIds.Count);
        Assert.NotNull(codeIds[0]);
        Assert.Null(codeIds[1]);
        Assert.Empty(await db.Database.SqlQueryRaw<string>("SELECT \"table\" AS \"Value\" FROM pragma_foreign_key_check").ToListAsync());
    }
}
