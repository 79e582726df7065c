using OAuthPortal.Cli;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

/// <summary>The command line itself: which words are commands, the version, unknown and missing commands.</summary>
public sealed class CliCommandLineTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData(new string[0], -1)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000" }, -1)]
    [InlineData(new[] { "--urls=http://127.0.0.1:5000" }, -1)]
    [InlineData(new[] { "migrate" }, 0)]
    [InlineData(new[] { "--environment", "Production", "migrate" }, 2)]
    [InlineData(new[] { "--environment=Production", "users", "list" }, 1)]
    [InlineData(new[] { "--environment", "Production", "frobnicate" }, 2)]
    [InlineData(new[] { "--version" }, 0)]
    [InlineData(new[] { "--environment", "Production", "--version" }, 2)]
    [InlineData(new[] { "--applicationName", "users" }, -1)]
    public void CommandIndex_HostSettingsAndWords_FindsTheCommandAfterTheSettings(string[] args, int expected) =>
        Assert.Equal(expected, PortalCli.CommandIndex(args));

    [Fact]
    public void AnswerWithoutHost_Version_PrintsTheInformationalVersionAndExitsZero()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = PortalCli.AnswerWithoutHost(["--version"], output, error);

        Assert.Equal(0, code);
        Assert.Equal(PortalCli.Version, output.ToString().Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", PortalCli.Version);
        Assert.Empty(error.ToString());
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("--environment", "Production", "frobnicate")]
    public void AnswerWithoutHost_UnknownCommand_HintsInOneLineAndExitsTwo(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = PortalCli.AnswerWithoutHost(args, output, error);

        Assert.Equal(PortalCli.UsageError, code);
        Assert.Empty(output.ToString());
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("error: unknown command 'frobnicate'; the commands are migrate, users, scopes, clients, tokens, audit, keys, registration-tokens (see --help).",
            line.TrimEnd());
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("--help")]
    [InlineData("--urls", "http://127.0.0.1:5000")]
    public void AnswerWithoutHost_KnownCommandHelpOrServing_LeavesItToTheHost(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Null(PortalCli.AnswerWithoutHost(args, output, error));
        Assert.Empty(output.ToString() + error.ToString());
    }

    [Fact]
    public async Task Run_UnknownSubcommand_NamesTheGroupsCommandsAndExitsTwo()
    {
        var run = await CliRunner.RunAsync(factory, "users", "frobnicate");

        Assert.Equal(PortalCli.UsageError, run.ExitCode);
        CliRunner.AssertOneLineError(run, "unknown command 'users frobnicate'; the users commands are create, list, lock, unlock, delete, set-password");
    }

    [Fact]
    public async Task Run_GroupWithoutCommand_SaysOneIsMissingAndExitsTwo()
    {
        var run = await CliRunner.RunAsync(factory, "tokens");

        Assert.Equal(PortalCli.UsageError, run.ExitCode);
        CliRunner.AssertOneLineError(run, "a command is missing; the tokens commands are list, revoke, prune");
    }

    [Fact]
    public async Task Run_UnknownOptionOfACommand_FailsWithOneLineAndExitsOne()
    {
        var run = await CliRunner.RunAsync(factory, "users", "list", "--colour");

        Assert.Equal(1, run.ExitCode);
        CliRunner.AssertOneLineError(run, "'--colour'");
    }
}
