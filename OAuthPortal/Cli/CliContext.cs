using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;

namespace OAuthPortal.Cli;

/// <summary>What every command needs: the app's services and where to write.</summary>
public sealed class CliContext(IServiceProvider services, TextWriter output, TextWriter error)
{
    public const int Success = 0;
    public const int Failure = 1;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public TextWriter Output { get; } = output;

    /// <summary>
    /// Runs a command body in its own DI scope, after applying pending migrations (when
    /// Database:MigrateOnStart is on), and turns every failure into one line on stderr.
    /// </summary>
    public void SetAction(Command command, Func<ParseResult, IServiceProvider, CancellationToken, Task> body, bool migrateFirst = true) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                if (migrateFirst && scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
                {
                    await scope.ServiceProvider.GetRequiredService<PortalDatabaseMigrator>().MigrateAsync(cancellationToken);
                }

                await body(parseResult, scope.ServiceProvider, cancellationToken);
                return Success;
            }
            catch (OptionsValidationException exception)
            {
                await error.WriteLineAsync($"error: invalid configuration: {string.Join(" ", exception.Failures)}");
            }
            catch (Exception exception)
            {
                // Expected failures (CliException) and unexpected ones alike: one line, no stack trace.
                await error.WriteLineAsync($"error: {OneLine(exception)}");
            }

            return Failure;
        });

    public Task WriteJsonAsync<T>(T value) => Output.WriteLineAsync(JsonSerializer.Serialize(value, Json));

    private static string OneLine(Exception exception)
    {
        var message = exception is CliException ? exception.Message : exception.GetBaseException().Message;
        return message.ReplaceLineEndings(" ").Trim();
    }
}
