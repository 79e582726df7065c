using System.CommandLine;

namespace OAuthPortal.Cli;

/// <summary>
/// The management CLI: <c>dotnet run --project OAuthPortal -- &lt;command&gt;</c> or <c>dotnet OAuthPortal.dll &lt;command&gt;</c>.
/// Commands use the same configuration, database and core services as the web portal.
/// </summary>
public static class PortalCli
{
    private static readonly string[] Commands = ["migrate", "users", "scopes", "clients", "tokens", "keys", "registration-tokens"];
    private static readonly string[] HelpFlags = ["--help", "-h", "-?"];

    /// <summary>
    /// Where the command starts in <paramref name="args"/>, or -1 to serve the portal. A first word that is not an
    /// option is a command (unknown ones get an error); host settings may precede a known command
    /// (<c>--environment Production migrate</c>): the host has read them already.
    /// </summary>
    public static int CommandIndex(string[] args)
    {
        if (args.Length == 0)
        {
            return -1;
        }

        if (!args[0].StartsWith('-') || HelpFlags.Contains(args[0]))
        {
            return 0;
        }

        return Array.FindIndex(args, a => Commands.Contains(a));
    }

    public static bool IsCommand(string[] args) => CommandIndex(args) >= 0;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var context = new CliContext(services, output, error);
        var root = new RootCommand("OAuthPortal management commands. Without a command, the portal starts serving.")
        {
            MigrateCommand.Create(context),
            new Command("users", "Manage portal users.") { UsersCreateCommand.Create(context) },
            new Command("scopes", "Manage OAuth scopes.") { ScopesCreateCommand.Create(context), ScopesListCommand.Create(context) },
            new Command("clients", "Manage OAuth clients.") { ClientsCreateCommand.Create(context), ClientsListCommand.Create(context) },
            new Command("tokens", "Manage tokens.") { TokensPruneCommand.Create(context) },
            new Command("keys", "Manage the signing keys (id_tokens, JWKS).")
            {
                KeysListCommand.Create(context), KeysRotateCommand.Create(context), KeysRevokeCommand.Create(context),
            },
            new Command("registration-tokens", "Manage initial access tokens for dynamic client registration (RFC 7591).")
            {
                RegistrationTokensCreateCommand.Create(context), RegistrationTokensListCommand.Create(context), RegistrationTokensRevokeCommand.Create(context),
            },
        };

        var parseResult = root.Parse(args[Math.Max(CommandIndex(args), 0)..]);
        if (parseResult.Errors.Count > 0)
        {
            // One line, like every other failure; `--help` shows the usage.
            await context.WriteErrorAsync($"{string.Join(" ", parseResult.Errors.Select(e => e.Message))} See --help.");
            return CliContext.Failure;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }
}
