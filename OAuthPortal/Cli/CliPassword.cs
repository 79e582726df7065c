using System.Text;

namespace OAuthPortal.Cli;

/// <summary>
/// Reads a password for a command, never from its arguments (they end up in shell history and process lists): the first
/// line of standard input when it is redirected (<c>echo "$PASSWORD" | ... users set-password --email E</c>), or typed
/// twice at a prompt on the terminal, without echo.
/// </summary>
internal static class CliPassword
{
    public static async Task<string> ReadAsync(CliContext context, CancellationToken cancellationToken)
    {
        if (context.RedirectedInput is { } input)
        {
            var line = await input.ReadLineAsync(cancellationToken);
            return string.IsNullOrEmpty(line)
                ? throw new CliException("No password on standard input: pipe it in as one line, or run the command on a terminal to be prompted.")
                : line;
        }

        var password = Prompt(context, "New password: ");
        if (password.Length == 0)
        {
            throw new CliException("No password was typed.");
        }

        return Prompt(context, "Repeat it: ") == password ? password : throw new CliException("The two passwords differ; nothing was changed.");
    }

    /// <summary>A line typed on the terminal, shown as nothing; the prompt goes to stderr so that stdout stays clean for scripts.</summary>
    private static string Prompt(CliContext context, string prompt)
    {
        context.Error.Write(prompt);
        context.Error.Flush();
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        context.Error.WriteLine();
        return typed.ToString();
    }
}
