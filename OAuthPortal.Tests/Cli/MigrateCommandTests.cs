using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_FreshDatabase_AppliesEveryMigration()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" });

        var run = await CliRunner.RunAsync(factory, "migrate");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Applied 1 migration(s): ", run.Output);
        var pending = await factory.WithScopeAsync(async s => (await s.GetRequiredService<PortalDbContext>().Database.GetPendingMigrationsAsync()).ToList());
        Assert.Empty(pending);
    }

    [Fact]
    public async Task Migrate_UpToDateDatabase_SaysSo()
    {
        using var factory = new PortalFactory();

        var run = await CliRunner.RunAsync(factory, "migrate");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("The database is up to date.", run.Output.Trim());
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task AnyCommand_UnmigratedDatabaseAndMigrateOnStartOff_FailsWithOneLine()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" });

        var run = await CliRunner.RunAsync(factory, "scopes", "list");

        CliRunner.AssertOneLineError(run, "no such table");
    }

    [Fact]
    public async Task UnknownCommand_Always_FailsWithoutStackTrace()
    {
        using var factory = new PortalFactory();

        var run = await CliRunner.RunAsync(factory, "frobnicate");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("frobnicate", run.Error);
        Assert.DoesNotContain(" at OAuthPortal", run.Error);
    }
}
