using System.CommandLine;

namespace OAuthPortal.Cli;

/// <summary>
/// The management CLI: <c>dotnet run --project OAuthPortal -- &lt;command&gt;</c> or <c>dotnet OAuthPortal.dll &lt;command&gt;</c>.
/// Commands use the same configuration, database and core services as the web portal.
/// </summary>
public static class PortalCli
{
    /// <summary>True when the arguments name a command rather than host settings such as <c>--urls</c>.</summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h" or "-?");

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var context = new CliContext(services, output, error);
        var root = new RootCommand("OAuthPortal management commands. Without a command, the portal starts serving.")
        {
            MigrateCommand.Create(context),
            new Command("users", "Manage portal users.") { UsersCreateCommand.Create(context) },
            new Command("scopes", "Manage OAuth scopes.") { ScopesCreateCommand.Create(context), ScopesListCommand.Create(context) },
            new Command("clients", "Manage OAuth clients.") { ClientsCreateCommand.Create(context), ClientsListCommand.Create(context) },
        };

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        return await root.Parse(args).InvokeAsync(configuration);
    }
}
