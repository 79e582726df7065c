using OAuthPortal.Cli;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

/// <summary>Runs the CLI in-process against a factory's configuration and database, capturing stdout and stderr.</summary>
public static class CliRunner
{
    public static async Task<CliRun> RunAsync(PortalFactory factory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await PortalCli.RunAsync(factory.Services, args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Asserts the CLI contract for bad input: non-zero exit, one line on stderr, no stack trace.</summary>
    public static void AssertOneLineError(CliRun run, string expected)
    {
        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(expected, line);
        Assert.DoesNotMatch(@"\bat [\w.`<>]+\(", line); // no stack frame
    }
}
