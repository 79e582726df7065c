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

        var (all, pending) = await factory.WithScopeAsync(async s =>
        {
            var database = s.GetRequiredService<PortalDbContext>().Database;
            return (database.GetMigrations().ToList(), (await database.GetPendingMigrationsAsync()).ToList());
        });
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Applied {all.Count} migration(s): {string.Join(", ", all)}", run.Output.Trim());
        Assert.Empty(pending);
    }

    [Fact]
    public async Task Migrate_FreshDatabase_MakesTheFirstSigningKeys()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" });

        var run = await CliRunner.RunAsync(factory, "migrate");

        var algorithms = await factory.WithScopeAsync(s =>
            s.GetRequiredService<PortalDbContext>().SigningKeys.Where(k => k.RetiredAt == null).Select(k => k.Algorithm).ToListAsync());
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["ES256", "RS256"], algorithms.Order());
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

        CliRunner.AssertOneLineError(run, "The database is missing or not up to date");
        Assert.Contains("Database:MigrateOnStart is false: run `migrate` first.", run.Error);
    }

    [Fact]
    public async Task UnknownCommand_Always_FailsWithoutStackTrace()
    {
        using var factory = new PortalFactory();

        var run = await CliRunner.RunAsync(factory, "frobnicate");

        CliRunner.AssertOneLineError(run, "unknown command 'frobnicate'");
        Assert.Equal(OAuthPortal.Cli.PortalCli.UsageError, run.ExitCode);
    }

    [Fact]
    public async Task GroupWithoutSubcommand_Always_FailsWithOneLine()
    {
        using var factory = new PortalFactory();

        var run = await CliRunner.RunAsync(factory, "users");

        CliRunner.AssertOneLineError(run, "a command is missing; the users commands are create, list");
        Assert.Equal(OAuthPortal.Cli.PortalCli.UsageError, run.ExitCode);
    }

    [Theory]
    [InlineData(new string[0], -1)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000" }, -1)]
    [InlineData(new[] { "migrate" }, 0)]
    [InlineData(new[] { "frobnicate" }, 0)]
    [InlineData(new[] { "--help" }, 0)]
    [InlineData(new[] { "--environment", "Production", "clients", "list" }, 2)]
    public void CommandIndex_Arguments_FindsWhereTheCommandStarts(string[] args, int expected)
    {
        Assert.Equal(expected, OAuthPortal.Cli.PortalCli.CommandIndex(args));
    }
}
