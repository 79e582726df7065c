using System.CommandLine;
using OAuthPortal.Management.Scopes;

namespace OAuthPortal.Cli;

/// <summary><c>scopes list [--json]</c>.</summary>
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
                await context.WriteJsonAsync(scopes.Select(s => new { name = s.Name, description = s.Description }));
                return;
            }

            await context.Output.WriteAsync(TextTable.Render(["NAME", "DESCRIPTION"],
                scopes.Select(s => new[] { s.Name, s.Description }), "No scopes yet: create one with `scopes create`."));
        });
        return command;
    }
}
