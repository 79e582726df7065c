using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;

namespace OAuthPortal.Cli;

/// <summary>
/// What every command needs: the app's services, where to write, and standard input when it is redirected (null on a
/// terminal, where a secret is prompted for without echo).
/// </summary>
public sealed class CliContext(IServiceProvider services, TextWriter output, TextWriter error, TextReader? redirectedInput = null)
{
    public const int Success = 0;
    public const int Failure = 1;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public TextWriter Output { get; } = output;

    /// <summary>Standard input when redirected (a pipe or a file), or null when it is a terminal.</summary>
    public TextReader? RedirectedInput { get; } = redirectedInput;

    public TextWriter Error { get; } = error;

    /// <summary>
    /// Runs a command body in its own DI scope, after validating the configuration and applying pending migrations
    /// (as the portal does when it starts), and turns every failure into one line on stderr.
    /// </summary>
    public void SetAction(Command command, Func<ParseResult, IServiceProvider, CancellationToken, Task> body, bool migrateFirst = true) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                if (migrateFirst)
                {
                    await services.MigratePortalDatabaseAsync();
                    await RequireMigratedAsync(cancellationToken);
                }
                else
                {
                    services.GetService<IStartupValidator>()?.Validate();
                }

                await using var scope = services.CreateAsyncScope();
                await body(parseResult, scope.ServiceProvider, cancellationToken);
                return Success;
            }
            catch (Exception exception)
            {
                // Expected failures (CliException) and unexpected ones alike: one line, no stack trace.
                await WriteErrorAsync(Describe(exception));
                return Failure;
            }
        });

    /// <summary>
    /// With Database:MigrateOnStart off, a database that is missing or behind the app is the operator's to migrate: said
    /// in one line, instead of the first query's "no such table".
    /// </summary>
    private async Task RequireMigratedAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
        {
            return;
        }

        var pending = (await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        if (pending > 0)
        {
            throw new CliException($"The database is missing or not up to date ({pending} pending migration(s)) and Database:MigrateOnStart is false: run `migrate` first.");
        }
    }

    public Task WriteErrorAsync(string message) => Error.WriteLineAsync($"error: {message.ReplaceLineEndings(" ").Trim()}");

    public Task WriteJsonAsync<T>(T value) => Output.WriteLineAsync(JsonSerializer.Serialize(value, Json));

    /// <summary>A failure as the one line the operator reads: the message, and its root cause when that says more.</summary>
    internal static string Describe(Exception exception) => exception switch
    {
        CliException => exception.Message,
        OptionsValidationException invalid => $"invalid configuration: {string.Join(" ", invalid.Failures)}",
        _ when exception.InnerException is { } inner && inner.GetBaseException().Message != exception.Message =>
            $"{exception.Message} ({inner.GetBaseException().Message})",
        _ => exception.Message,
    };
}
