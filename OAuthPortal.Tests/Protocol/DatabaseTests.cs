using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol;

/// <summary>The database (SQLite, or PostgreSQL in the PostgreSQL test assembly) as the app's start-up migrates it: schema, constraints, cascades.</summary>
public sealed class DatabaseTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> action) =>
        factory.WithScopeAsync(s => action(s.GetRequiredService<PortalDbContext>()));

    [Fact]
    public async Task Startup_FreshDatabase_AppliesEveryMigration()
    {
        var (all, applied, provider) = await WithDbAsync(async db =>
            (db.Database.GetMigrations().ToList(), (await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.ProviderName));

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
        Assert.Equal(factory.Database!.ProviderName, provider);
    }

    [Fact]
    public async Task Startup_FreshDatabase_HasTheAdminRole()
    {
        var roles = await factory.WithScopeAsync(s => s.GetRequiredService<RoleManager<IdentityRole>>().Roles.Select(r => r.Name).ToListAsync());

        Assert.Contains(PortalRoles.Admin, roles);
    }

    [Fact]
    public async Task RedirectUris_SameUriTwiceForOneClient_UniqueIndexRefuses()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var client = await TestClients.RegisterAsync(factory, owner.Id, redirectUris: "https://dup.example.test/cb");

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => WithDbAsync(async db =>
        {
            var redirectUri = RedirectUri.For("https://dup.example.test/cb");
            redirectUri.ClientId = client.ClientId;
            db.RedirectUris.Add(redirectUri);
            return await db.SaveChangesAsync();
        }));

        Assert.True(DuplicateKey.Is(error), error.GetBaseException().Message);
    }

    [Fact]
    public async Task DeleteClient_WithCodesAndTokens_CascadesToThem()
    {
        var (client, user) = await ClientWithCodeAndTokenAsync();

        await WithDbAsync(db => db.Clients.Where(c => c.Id == client.ClientId).ExecuteDeleteAsync());

        Assert.Equal((0, 0, 0), await WithDbAsync(async db => (
            await db.AuthorizationCodes.CountAsync(c => c.ClientId == client.ClientId),
            await db.AccessTokens.CountAsync(t => t.ClientId == client.ClientId),
            await db.RedirectUris.CountAsync(r => r.ClientId == client.ClientId))));
        Assert.True(await WithDbAsync(db => db.Users.AnyAsync(u => u.Id == user.Id)));
    }

    [Fact]
    public async Task DeleteUser_WhoOwnsClients_DeletesTheClientsAndTheirTokens()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var client = await TestClients.RegisterAsync(factory, owner.Id);
        await AddCodeAndTokenAsync(client.ClientId, owner.Id);

        var result = await factory.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<PortalUser>>();
            return await users.DeleteAsync((await users.FindByIdAsync(owner.Id))!);
        });

        Assert.True(result.Succeeded);
        Assert.False(await WithDbAsync(db => db.Clients.AnyAsync(c => c.Id == client.ClientId)));
        Assert.False(await WithDbAsync(db => db.AccessTokens.AnyAsync(t => t.ClientId == client.ClientId)));
    }

    [Fact]
    public async Task AccessToken_WithScopes_RoundTripsThroughTheJoinTable()
    {
        var (client, _) = await ClientWithCodeAndTokenAsync();

        var scopes = await WithDbAsync(db => db.AccessTokens.Where(t => t.ClientId == client.ClientId)
            .SelectMany(t => t.Scopes).Select(s => s.Name).ToListAsync());

        Assert.Single(scopes);
    }

    private async Task<(RegisteredClient Client, PortalUser User)> ClientWithCodeAndTokenAsync()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var user = await TestUsers.CreateAsync(factory);
        var client = await TestClients.RegisterAsync(factory, owner.Id);
        await AddCodeAndTokenAsync(client.ClientId, user.Id);
        return (client, user);
    }

    private Task AddCodeAndTokenAsync(string clientId, string userId) => WithDbAsync(async db =>
    {
        var now = PortalFactory.Start.UtcDateTime;
        var scope = new Scope { Name = Unique.Name("scope"), Description = "Test" };
        var grant = new Grant { Kind = GrantKind.AuthorizationCode, ClientId = clientId, UserId = userId, ScopeNames = scope.Name, CreatedAt = now };
        db.AuthorizationCodes.Add(new AuthorizationCode
        {
            CodeHash = SecretHasher.Hash(TokenGenerator.NewSecret()), ClientId = clientId, UserId = userId,
            Scopes = [scope], CreatedAt = now, ExpiresAt = now.AddMinutes(10), Grant = grant,
        });
        db.AccessTokens.Add(new AccessToken
        {
            TokenHash = SecretHasher.Hash(TokenGenerator.NewSecret()), RefreshTokenHash = SecretHasher.Hash(TokenGenerator.NewSecret()),
            ClientId = clientId, UserId = userId, Scopes = [scope], Grant = grant,
            CreatedAt = now, ExpiresAt = now.AddHours(1), RefreshExpiresAt = now.AddDays(30), Refreshable = true,
        });
        return await db.SaveChangesAsync();
    });
}
