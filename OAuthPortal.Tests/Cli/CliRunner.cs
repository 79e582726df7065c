using OAuthPortal.Cli;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

/// <summary>Runs the CLI in-process against a factory's configuration and database, capturing stdout and stderr.</summary>
public static class CliRunner
{
    /// <summary>Runs a command with an empty standard input (redirected, as in a script).</summary>
    public static Task<CliRun> RunAsync(PortalFactory factory, params string[] args) => RunWithInputAsync(factory, "", args);

    /// <summary>Runs a command with <paramref name="standardInput"/> piped in.</summary>
    public static async Task<CliRun> RunWithInputAsync(PortalFactory factory, string standardInput, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(standardInput);
        var exitCode = await PortalCli.RunAsync(factory.Services, args, output, error, input);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Asserts the CLI contract for bad input: non-zero exit, one line on stderr, no stack trace.</summary>
    public static void AssertOneLineError(CliRun run, string expected)
    {
        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(expected, line);
        Assert.DoesNotMatch(@"\bat [\w.`<>]+\(", line); // no stack frame
        Assert.DoesNotContain("   at ", run.Error);
    }
}
