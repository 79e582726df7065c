using System.CommandLine;
using OAuthPortal.Management.Scopes;

namespace OAuthPortal.Cli;

/// <summary><c>scopes list [--json]</c>: each scope's name, whether it is user-only, and its description.</summary>
public static class ScopesListCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var command = new Command("list", "List the scopes.") { json };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var scopes = await services.GetRequiredService<ScopeCatalog>().ListAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(scopes.Select(s => new { name = s.Name, description = s.Description, user_only = s.UserOnly }));
                return;
            }

            await context.Output.WriteAsync(TextTable.Render(["NAME", "USER-ONLY", "DESCRIPTION"],
                scopes.Select(s => new[] { s.Name, s.UserOnly ? "yes" : "no", s.Description }), "No scopes yet: create one with `scopes create`."));
        });
        return command;
    }
}
