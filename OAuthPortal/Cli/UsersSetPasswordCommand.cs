using System.CommandLine;
using OAuthPortal.Management.Users;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>users set-password (--email E | --id ID)</c>: a new password, read from standard input or typed at a prompt (never an
/// argument), checked by the portal's password rules; every sign-in session of the user ends, as after a password change.
/// </summary>
public static class UsersSetPasswordCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("set-password",
            "Set a user's password, read from standard input (first line) or typed at a prompt; the user's sign-in sessions end.");
        var target = new CliUserTarget(command);

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var user = await target.FindAsync(parse, services);
            var password = await CliPassword.ReadAsync(context, cancellationToken);
            var outcome = await services.GetRequiredService<UserPasswords>().SetAsync(user.Id, password, "cli", cancellationToken)
                ?? throw new CliException($"The user {user.Email} no longer exists.");
            CliOutcome.ThrowIfFailed(outcome);
            await context.Output.WriteLineAsync($"Set the password of {outcome.Value}; their sign-in sessions have ended.");
        });
        return command;
    }
}
