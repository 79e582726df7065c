using OAuthPortal.Management;

namespace OAuthPortal.Cli;

internal static class CliOutcome
{
    /// <summary>Turns a core operation's field errors into the command's one error line.</summary>
    public static void ThrowIfFailed<T>(Outcome<T> outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new CliException(string.Join("; ", outcome.Errors.Select(e => e.Message)));
        }
    }
}
