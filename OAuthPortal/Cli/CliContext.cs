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

    public Task WriteErrorAsync(string message) => error.WriteLineAsync($"error: {message.ReplaceLineEndings(" ").Trim()}");

    public Task WriteJsonAsync<T>(T value) => Output.WriteLineAsync(JsonSerializer.Serialize(value, Json));

    private static string Describe(Exception exception) => exception switch
    {
        CliException => exception.Message,
        OptionsValidationException invalid => $"invalid configuration: {string.Join(" ", invalid.Failures)}",
        _ when exception.InnerException is { } inner && inner.GetBaseException().Message != exception.Message =>
            $"{exception.Message} ({inner.GetBaseException().Message})",
        _ => exception.Message,
    };
}
