using System.CommandLine;
using OAuthPortal.Management.Users;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>users lock (--email E | --id ID)</c>: no sign-in until unlocked, every session ended, every token revoked (as the admin
/// user page does; refused for the last admin who can sign in). <c>users unlock</c> undoes the lock.
/// </summary>
public static class UsersLockCommand
{
    public static Command Create(CliContext context, bool locked)
    {
        var command = new Command(locked ? "lock" : "unlock", locked
            ? "Lock a user out: their sign-in sessions end and their tokens are revoked at once."
            : "Unlock a user: they can sign in again.");
        var target = new CliUserTarget(command);

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var user = await target.FindAsync(parse, services);
            var result = await services.GetRequiredService<UserAdministration>().SetLockedAsync(user.Id, locked, "cli", cancellationToken);
            CliUserChange.ThrowIfRefused(result, user.Email);
            await context.Output.WriteLineAsync(locked
                ? $"Locked {user.Email}: their sign-in sessions ended and their tokens were revoked."
                : $"Unlocked {user.Email}.");
        });
        return command;
    }
}
