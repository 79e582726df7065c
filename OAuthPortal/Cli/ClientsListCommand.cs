using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;

namespace OAuthPortal.Cli;

/// <summary><c>clients list [--json]</c>: every client with its owner; never a secret (only hashes exist).</summary>
public static class ClientsListCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var command = new Command("list", "List all clients.") { json };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var clients = await services.GetRequiredService<PortalDbContext>().Clients.AsNoTracking()
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Select(c => new
                {
                    client_id = c.Id,
                    name = c.Name,
                    type = c.Type == ClientType.Public ? "public" : "confidential",
                    enabled = c.Enabled,
                    owner = c.Owner!.Email,
                    redirect_uris = c.RedirectUris.OrderBy(r => r.Id).Select(r => r.Uri).ToList(),
                    created_at = c.CreatedAt,
                })
                .ToListAsync(cancellationToken);

            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(clients);
                return;
            }

            await context.Output.WriteAsync(TextTable.Render(
                ["CLIENT_ID", "TYPE", "ENABLED", "OWNER", "REDIRECT URIS", "NAME"],
                clients.Select(c => new[]
                {
                    c.client_id, c.type, c.enabled ? "yes" : "no", c.owner ?? "", c.redirect_uris.Count.ToString(CultureInfo.InvariantCulture), c.name,
                }),
                "No clients yet: register one with `clients create`."));
        });
        return command;
    }
}
