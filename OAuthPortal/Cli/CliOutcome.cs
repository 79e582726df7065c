using OAuthPortal.Management;

namespace OAuthPortal.Cli;

internal static class CliOutcome
{
    /// <summary>
    /// Turns a core operation's field errors into the command's one error line; an error of a field found in
    /// <paramref name="options"/> (field name to option name) starts with that option's name.
    /// </summary>
    public static void ThrowIfFailed<T>(Outcome<T> outcome, IReadOnlyDictionary<string, string>? options = null)
    {
        if (!outcome.Succeeded)
        {
            throw new CliException(string.Join("; ", outcome.Errors.Select(e =>
                options is not null && options.TryGetValue(e.Field, out var option) ? $"{option}: {e.Message}" : e.Message)));
        }
    }
}
