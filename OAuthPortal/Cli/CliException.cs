namespace OAuthPortal.Cli;

/// <summary>An expected failure of a CLI command (bad input): printed as one line on stderr, exit code 1.</summary>
public sealed class CliException(string message) : Exception(message);
