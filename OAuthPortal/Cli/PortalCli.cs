using System.CommandLine;
using System.Reflection;

namespace OAuthPortal.Cli;

/// <summary>
/// The management CLI: <c>dotnet run --project OAuthPortal -- &lt;command&gt;</c> or <c>dotnet OAuthPortal.dll &lt;command&gt;</c>.
/// Commands use the same configuration, database and core services as the web portal.
/// </summary>
public static class PortalCli
{
    /// <summary>The exit code of a command line that names no known command (an unknown or missing command).</summary>
    public const int UsageError = 2;

    private const string VersionFlag = "--version";
    private static readonly string[] Commands = ["migrate", "users", "scopes", "clients", "tokens", "audit", "keys", "registration-tokens"];
    private static readonly string[] HelpFlags = ["--help", "-h", "-?"];

    /// <summary>The app's version: its informational version (<c>1.0.0+&lt;commit&gt;</c> when built from a git checkout).</summary>
    public static string Version { get; } =
        typeof(PortalCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(PortalCli).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>
    /// Where the command starts in <paramref name="args"/>, or -1 to serve the portal. Host settings may precede it
    /// (<c>--environment Production migrate</c>, <c>--urls=http://...</c>): each is skipped with its value, as the host
    /// reads them. The first word after them is the command (an unknown one is an error, never a reason to serve);
    /// <c>--help</c> and <c>--version</c> count as commands.
    /// </summary>
    public static int CommandIndex(string[] args)
    {
        for (var i = 0; i < args.Length; i += args[i].Contains('=') ? 1 : 2)
        {
            if (!args[i].StartsWith('-') || HelpFlags.Contains(args[i]) || args[i] == VersionFlag)
            {
                return i;
            }
        }

        return -1;
    }

    public static bool IsCommand(string[] args) => CommandIndex(args) >= 0;

    /// <summary>
    /// Answers what needs no host, before any configuration is read or the database touched: <c>--version</c> (exit 0)
    /// and an unknown command (a one-line hint, exit <see cref="UsageError"/>). Null when the command line is for the host.
    /// </summary>
    public static int? AnswerWithoutHost(string[] args, TextWriter output, TextWriter error)
    {
        var index = CommandIndex(args);
        if (index < 0 || Commands.Contains(args[index]) || HelpFlags.Contains(args[index]))
        {
            return null;
        }

        if (args[index] == VersionFlag)
        {
            output.WriteLine(Version);
            return CliContext.Success;
        }

        error.WriteLine($"error: unknown command '{args[index]}'; the commands are {string.Join(", ", Commands)} (see --help).");
        return UsageError;
    }

    /// <summary>
    /// For a command: a failure before it runs (the host reading a malformed setting while it is composed) is reported
    /// as one line on stderr with exit code 1, as the command's own failures are, never as a stack trace.
    /// </summary>
    public static void ReportHostFailuresAsOneLine(string[] args, TextWriter error)
    {
        if (!IsCommand(args))
        {
            return;
        }

        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            error.WriteLine($"error: {CliContext.Describe(e.ExceptionObject as Exception ?? new InvalidOperationException("unknown failure"))}");
            error.Flush();
            Environment.Exit(CliContext.Failure);
        };
    }

    /// <param name="input">Standard input when it is redirected (a secret is read from it), or null on a terminal (a secret is prompted for).</param>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, TextReader? input = null)
    {
        var context = new CliContext(services, output, error, input);
        var root = new RootCommand("OAuthPortal management commands. Without a command, the portal starts serving.")
        {
            MigrateCommand.Create(context),
            new Command("users", "Manage portal users.")
            {
                UsersCreateCommand.Create(context), UsersListCommand.Create(context), UsersLockCommand.Create(context, locked: true),
                UsersLockCommand.Create(context, locked: false), UsersDeleteCommand.Create(context), UsersSetPasswordCommand.Create(context),
            },
            new Command("scopes", "Manage OAuth scopes.")
            {
                ScopesCreateCommand.Create(context), ScopesListCommand.Create(context), ScopesEditCommand.Create(context), ScopesDeleteCommand.Create(context),
            },
            new Command("clients", "Manage OAuth clients.")
            {
                ClientsCreateCommand.Create(context), ClientsListCommand.Create(context), ClientsShowCommand.Create(context),
                ClientsEnableCommand.Create(context, enabled: false), ClientsEnableCommand.Create(context, enabled: true), ClientsDeleteCommand.Create(context),
                ClientsRotateSecretCommand.Create(context), ClientsRedirectUriCommand.Create(context, add: true), ClientsRedirectUriCommand.Create(context, add: false),
            },
            new Command("tokens", "Manage tokens.") { TokensListCommand.Create(context), TokensRevokeCommand.Create(context), TokensPruneCommand.Create(context) },
            new Command("audit", "Read the audit log.") { AuditListCommand.Create(context) },
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
            if (parseResult.CommandResult.Command is { Subcommands.Count: > 0 } group)
            {
                // A group (`users`) with an unknown subcommand or none: name the ones it has.
                var unknown = parseResult.UnmatchedTokens.FirstOrDefault();
                var path = group == root ? "" : $"{CommandPath(parseResult.CommandResult)} ";
                await context.WriteErrorAsync(
                    $"{(unknown is null ? "a command is missing" : $"unknown command '{path}{unknown}'")}; " +
                    $"the {path}commands are {string.Join(", ", group.Subcommands.Select(c => c.Name))} (see {path}--help).");
                return UsageError;
            }

            await context.WriteErrorAsync($"{string.Join(" ", parseResult.Errors.Select(e => e.Message))} See --help.");
            return CliContext.Failure;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result) =>
        result.Parent is System.CommandLine.Parsing.CommandResult { Parent: not null } parent
            ? $"{CommandPath(parent)} {result.Command.Name}" : result.Command.Name;
}
