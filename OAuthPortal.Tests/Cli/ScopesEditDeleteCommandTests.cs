using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

/// <summary><c>scopes edit|delete</c>, with the admin Scopes pages' rules.</summary>
public sealed class ScopesEditDeleteCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<Scope?> FindAsync(string name) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Scopes.AsNoTracking().SingleOrDefaultAsync(x => x.Name == name));

    [Fact]
    public async Task ScopesEdit_Description_ChangesOnlyTheDescriptionAndAudits()
    {
        var name = await MachineClients.CreateScopeAsync(factory);

        var run = await CliRunner.RunAsync(factory, "scopes", "edit", "--name", name, "--description", "Read your invoices");

        Assert.Equal((0, $"Saved scope {name}."), (run.ExitCode, run.Output.Trim()));
        var scope = (await FindAsync(name))!;
        Assert.Equal(("Read your invoices", false), (scope.Description, scope.UserOnly));
        Assert.Equal("cli", await UsersAdminCommandTests.AuditActorAsync(factory, AuditAction.ScopeEdited, $"scope:{name}"));
    }

    [Fact]
    public async Task ScopesEdit_UserOnlyTrue_WithdrawsItFromMachineClientsAndRevokesTheirTokens()
    {
        var name = await MachineClients.CreateScopeAsync(factory);
        var client = await MachineClients.RegisterAsync(factory, ClientType.Confidential, [MachineClients.ClientCredentials], name);
        var token = await TestTokens.IssueWithScopesAsync(factory, client.ClientId, null, name);

        var run = await CliRunner.RunAsync(factory, "scopes", "edit", "--name", name, "--user-only", "true");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("It is now user-only: removed from the machine scopes of 1 client(s); 1 token(s) without a user", run.Output);
        Assert.True((await FindAsync(name))!.UserOnly);
        Assert.True(await TestTokens.IsRevokedAsync(factory, token));
        Assert.Equal("Do a machine thing", (await FindAsync(name))!.Description);
    }

    [Fact]
    public async Task ScopesEdit_UserOnlyFalse_MakesItGrantableWithoutAUser()
    {
        var name = await MachineClients.CreateScopeAsync(factory, userOnly: true);

        var run = await CliRunner.RunAsync(factory, "scopes", "edit", "--name", name, "--user-only", "false");

        Assert.Equal(0, run.ExitCode);
        Assert.False((await FindAsync(name))!.UserOnly);
    }

    [Fact]
    public async Task ScopesEdit_BuiltInScopeNotUserOnly_IsRefusedNamingTheOption()
    {
        var run = await CliRunner.RunAsync(factory, "scopes", "edit", "--name", "openid", "--user-only", "false");

        CliRunner.AssertOneLineError(run, "--user-only: OpenID Connect defines this scope");
        Assert.True((await FindAsync("openid"))!.UserOnly);
    }

    [Theory]
    [InlineData(new[] { "--description", " " }, "--description: A description is required")]
    [InlineData(new[] { "--user-only", "maybe" }, "'maybe'")]
    [InlineData(new string[0], "Nothing to change: give --description, --user-only or both.")]
    public async Task ScopesEdit_BadInput_FailsWithOneLineAndChangesNothing(string[] options, string expected)
    {
        var name = await MachineClients.CreateScopeAsync(factory);

        var run = await CliRunner.RunAsync(factory, ["scopes", "edit", "--name", name, .. options]);

        CliRunner.AssertOneLineError(run, expected);
        Assert.Equal("Do a machine thing", (await FindAsync(name))!.Description);
    }

    [Theory]
    [InlineData("edit", "--description", "x")]
    [InlineData("delete")]
    public async Task ScopesCommand_UnknownScope_FailsWithOneLine(string command, params string[] options)
    {
        var run = await CliRunner.RunAsync(factory, ["scopes", command, "--name", "no-such-scope", .. options]);

        CliRunner.AssertOneLineError(run, "No scope is named 'no-such-scope'");
    }

    [Fact]
    public async Task ScopesDelete_Unused_DeletesItAndAudits()
    {
        var name = await MachineClients.CreateScopeAsync(factory);

        var run = await CliRunner.RunAsync(factory, "scopes", "delete", "--name", name);

        Assert.Equal((0, $"Deleted scope {name}."), (run.ExitCode, run.Output.Trim()));
        Assert.Null(await FindAsync(name));
        Assert.Equal("cli", await UsersAdminCommandTests.AuditActorAsync(factory, AuditAction.ScopeDeleted, $"scope:{name}"));
    }

    [Fact]
    public async Task ScopesDelete_InUse_IsRefusedNamingTheUsesUntilRevokeUses()
    {
        var name = await MachineClients.CreateScopeAsync(factory);
        var client = await MachineClients.RegisterAsync(factory, ClientType.Confidential, [MachineClients.ClientCredentials], name);
        var token = await TestTokens.IssueWithScopesAsync(factory, client.ClientId, null, name);

        var refused = await CliRunner.RunAsync(factory, "scopes", "delete", "--name", name);

        CliRunner.AssertOneLineError(refused, "is in use (0 consent grant(s), 0 pending code(s), 1 active token(s), 1 client(s) with it as a machine scope)");
        Assert.Contains("add --revoke-uses", refused.Error);
        Assert.NotNull(await FindAsync(name));
        Assert.False(await TestTokens.IsRevokedAsync(factory, token));

        var deleted = await CliRunner.RunAsync(factory, "scopes", "delete", "--name", name, "--revoke-uses");

        Assert.Equal(0, deleted.ExitCode);
        Assert.Null(await FindAsync(name));
        Assert.True(await TestTokens.IsRevokedAsync(factory, token));
    }

    [Fact]
    public async Task ScopesDelete_BuiltInScope_IsRefusedEvenWithRevokeUses()
    {
        var run = await CliRunner.RunAsync(factory, "scopes", "delete", "--name", "profile", "--revoke-uses");

        CliRunner.AssertOneLineError(run, "OpenID Connect defines the scope 'profile': it cannot be deleted");
        Assert.NotNull(await FindAsync("profile"));
    }

    [Fact]
    public async Task ScopesDelete_MissingName_FailsNamingTheOption()
    {
        var run = await CliRunner.RunAsync(factory, "scopes", "delete");

        CliRunner.AssertOneLineError(run, "--name");
    }
}
