namespace OAuthPortal.Tests.Cli;

/// <summary>What a CLI run printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
