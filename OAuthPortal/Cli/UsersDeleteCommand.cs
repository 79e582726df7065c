using System.CommandLine;
using OAuthPortal.Management.Users;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>users delete (--email E | --id ID)</c>: the user goes with the clients they own (and those clients' codes and tokens),
/// their grants, tokens and sessions, as when a user deletes their own account; refused for the last admin who can sign in.
/// </summary>
public static class UsersDeleteCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("delete", "Delete a user with the clients they own, their grants, tokens and sessions.");
        var target = new CliUserTarget(command);

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var user = await target.FindAsync(parse, services);
            CliUserChange.ThrowIfRefused(await services.GetRequiredService<UserAdministration>().DeleteAsync(user.Id, "cli", cancellationToken), user.Email);
            await context.Output.WriteLineAsync($"Deleted {user.Email} with the clients they owned.");
        });
        return command;
    }
}
