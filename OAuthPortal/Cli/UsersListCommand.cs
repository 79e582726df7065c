using System.CommandLine;
using System.Globalization;
using OAuthPortal.Management.Users;

namespace OAuthPortal.Cli;

/// <summary><c>users list [--search TEXT] [--json]</c>: the users, by e-mail, as the admin Users page lists them.</summary>
public static class UsersListCommand
{
    public static Command Create(CliContext context)
    {
        var search = new Option<string?>("--search") { Description = "Only users whose e-mail contains this text (case-insensitive)." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var command = new Command("list", "List the users with their role, lock, clients and active tokens.") { search, json };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var administration = services.GetRequiredService<UserAdministration>();
            var users = await CliOptions.AllPagesAsync(page => administration.SearchAsync(parse.GetValue(search), page, cancellationToken));
            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(users.Select(u => new
                {
                    id = u.Id, email = u.Email, admin = u.IsAdmin, locked = u.IsLockedOut, created_at = u.CreatedAt, clients = u.Clients,
                    active_tokens = u.ActiveTokens,
                }));
                return;
            }

            await context.Output.WriteAsync(TextTable.Render(["EMAIL", "ADMIN", "LOCKED", "CREATED", "CLIENTS", "ACTIVE TOKENS", "ID"],
                users.Select(u => new[]
                {
                    u.Email, u.IsAdmin ? "yes" : "no", u.IsLockedOut ? "yes" : "no", u.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    u.Clients.ToString(CultureInfo.InvariantCulture), u.ActiveTokens.ToString(CultureInfo.InvariantCulture), u.Id,
                }),
                parse.GetValue(search) is null ? "No users yet: create one with `users create`." : "No user matches."));
        });
        return command;
    }
}
