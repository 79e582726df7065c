using System.CommandLine;
using OAuthPortal.Management.Scopes;

namespace OAuthPortal.Cli;

/// <summary><c>scopes create --name N --description D [--user-only]</c>.</summary>
public static class ScopesCreateCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "The scope name, as clients request it (no spaces).", Required = true };
        var description = new Option<string>("--description") { Description = "What the user agrees to; shown on the consent page.", Required = true };
        var userOnly = new Option<bool>("--user-only")
        {
            Description = "Only a user can grant it: never issued with no user (client_credentials), never a client's machine scope.",
        };
        var command = new Command("create", "Create a scope.") { name, description, userOnly };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var outcome = await services.GetRequiredService<ScopeCatalog>()
                .CreateAsync(parse.GetRequiredValue(name), parse.GetRequiredValue(description), "cli", parse.GetValue(userOnly), cancellationToken);
            CliOutcome.ThrowIfFailed(outcome);
            await context.Output.WriteLineAsync($"Created scope {outcome.Value!.Name}{(outcome.Value.UserOnly ? " (user-only)" : "")}.");
        });
        return command;
    }
}
