using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

/// <summary><c>users list|lock|unlock|delete</c>.</summary>
public sealed class UsersAdminCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<PortalUser?> FindAsync(string email) => factory.WithScopeAsync(s => s.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email));

    private Task<bool> IsLockedOutAsync(PortalUser user) =>
        factory.WithScopeAsync(async s => await s.GetRequiredService<UserManager<PortalUser>>().IsLockedOutAsync((await s.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(user.Id))!));

    internal static Task<string?> AuditActorAsync(PortalFactory factory, AuditAction action, string target) => factory.WithScopeAsync(s =>
        s.GetRequiredService<PortalDbContext>().AuditEvents.Where(e => e.Action == action && e.Target == target).Select(e => e.Actor).SingleOrDefaultAsync());

    [Fact]
    public async Task UsersList_Search_ListsMatchingUsersAsTableAndJson()
    {
        var tag = Unique.Name("list");
        var admin = await TestUsers.CreateAsync(factory, $"{tag}-admin@example.test", admin: true);
        var plain = await TestUsers.CreateAsync(factory, $"{tag}-plain@example.test");
        await TestUsers.CreateAsync(factory);

        var text = await CliRunner.RunAsync(factory, "users", "list", "--search", tag);
        var json = await CliRunner.RunAsync(factory, "users", "list", "--search", tag.ToUpperInvariant(), "--json");

        Assert.Equal((0, ""), (text.ExitCode, text.Error));
        Assert.Matches(@"^EMAIL\s+ADMIN\s+LOCKED\s+CREATED\s+CLIENTS\s+ACTIVE TOKENS\s+ID", text.Output);
        Assert.Matches($@"(?m)^{admin.Email}\s+yes\s+no\s", text.Output);
        Assert.Equal(3, text.Output.Trim().Split('\n').Length); // the header and the two matching users
        var users = JsonSerializer.Deserialize<JsonElement>(json.Output).EnumerateArray().ToList();
        Assert.Equal([admin.Email, plain.Email], users.Select(u => u.GetProperty("email").GetString()));
        Assert.Equal(plain.Id, users[1].GetProperty("id").GetString());
        Assert.True(users[0].GetProperty("admin").GetBoolean());
        Assert.False(users[1].GetProperty("locked").GetBoolean());
        Assert.Equal(0, users[1].GetProperty("clients").GetInt32());
        Assert.Equal(0, users[1].GetProperty("active_tokens").GetInt32());
    }

    [Fact]
    public async Task UsersList_NoMatch_SaysSo()
    {
        var run = await CliRunner.RunAsync(factory, "users", "list", "--search", Unique.Name("nobody"));

        Assert.Equal("No user matches.", run.Output.Trim());
    }

    [Fact]
    public async Task UsersLock_ByEmail_LocksRevokesTokensAndAudits()
    {
        var user = await TestUsers.CreateAsync(factory);
        var client = await TestClients.RegisterAsync(factory, user.Id);
        var tokens = await TestTokens.IssueAsync(factory, client.ClientId, user.Id);

        var run = await CliRunner.RunAsync(factory, "users", "lock", "--email", user.Email!);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal($"Locked {user.Email}: their sign-in sessions ended and their tokens were revoked.", run.Output.Trim());
        Assert.True(await IsLockedOutAsync(user));
        Assert.True(await TestTokens.IsRevokedAsync(factory, tokens.AccessToken));
        Assert.Equal("cli", await AuditActorAsync(factory, AuditAction.UserLocked, $"user:{user.Email}"));
    }

    [Fact]
    public async Task UsersUnlock_ById_UnlocksAndAudits()
    {
        var user = await TestUsers.CreateAsync(factory);
        await CliRunner.RunAsync(factory, "users", "lock", "--id", user.Id);

        var run = await CliRunner.RunAsync(factory, "users", "unlock", "--id", user.Id);

        Assert.Equal((0, $"Unlocked {user.Email}."), (run.ExitCode, run.Output.Trim()));
        Assert.False(await IsLockedOutAsync(user));
        Assert.Equal("cli", await AuditActorAsync(factory, AuditAction.UserUnlocked, $"user:{user.Email}"));
    }

    [Fact]
    public async Task UsersLock_LastActiveAdmin_IsRefusedWithOneLine()
    {
        using var fresh = new PortalFactory();
        var admin = await TestUsers.CreateAsync(fresh, admin: true);

        var run = await CliRunner.RunAsync(fresh, "users", "lock", "--email", admin.Email!);

        CliRunner.AssertOneLineError(run, "is the last administrator who can sign in");
        Assert.False(await fresh.WithScopeAsync(async s =>
            await s.GetRequiredService<UserManager<PortalUser>>().IsLockedOutAsync((await s.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(admin.Id))!)));
    }

    [Fact]
    public async Task UsersDelete_ByEmail_DeletesTheUserAndTheirClientsAndAudits()
    {
        var user = await TestUsers.CreateAsync(factory);
        var client = await TestClients.RegisterAsync(factory, user.Id);

        var run = await CliRunner.RunAsync(factory, "users", "delete", "--email", user.Email!);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Null(await FindAsync(user.Email!));
        Assert.False(await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.Id == client.ClientId)));
        Assert.Equal("cli", await AuditActorAsync(factory, AuditAction.UserDeleted, $"user:{user.Email}"));
    }

    [Theory]
    [InlineData("lock")]
    [InlineData("unlock")]
    [InlineData("delete")]
    [InlineData("set-password")]
    public async Task UsersCommand_UnknownEmail_FailsWithOneLine(string command)
    {
        var run = await CliRunner.RunAsync(factory, "users", command, "--email", "nobody@example.test");

        CliRunner.AssertOneLineError(run, "No user has the e-mail address 'nobody@example.test'");
    }

    [Fact]
    public async Task UsersDelete_UnknownId_FailsWithOneLine()
    {
        var run = await CliRunner.RunAsync(factory, "users", "delete", "--id", "no-such-id");

        CliRunner.AssertOneLineError(run, "No user has the id 'no-such-id'");
    }

    [Theory]
    [InlineData("lock")]
    [InlineData("delete")]
    public async Task UsersCommand_NeitherOrBothOfEmailAndId_FailsBeforeChangingAnything(string command)
    {
        var user = await TestUsers.CreateAsync(factory);

        var neither = await CliRunner.RunAsync(factory, "users", command);
        var both = await CliRunner.RunAsync(factory, "users", command, "--email", user.Email!, "--id", user.Id);

        CliRunner.AssertOneLineError(neither, "Give exactly one of --email, --id.");
        CliRunner.AssertOneLineError(both, "Give exactly one of --email, --id.");
        Assert.NotNull(await FindAsync(user.Email!));
        Assert.False(await IsLockedOutAsync(user));
    }

    [Fact]
    public async Task UsersLock_SessionOfTheUser_Ends()
    {
        var user = await TestUsers.CreateAsync(factory);
        var session = await factory.WithScopeAsync(s => s.GetRequiredService<UserSessions>().StartAsync(user.Id, "127.0.0.1", "test"));

        await CliRunner.RunAsync(factory, "users", "lock", "--email", user.Email!);

        Assert.NotNull(await factory.WithScopeAsync(s =>
            s.GetRequiredService<PortalDbContext>().UserSessions.Where(x => x.Id == session).Select(x => x.EndedAt).SingleAsync()));
    }
}
