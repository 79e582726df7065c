using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>users create --email E [--password P] [--admin]</c>: without <c>--password</c> the password is read as
/// <c>users set-password</c> reads it (standard input, or a prompt on the terminal), so it need not be an argument.
/// </summary>
public static class UsersCreateCommand
{
    public static Command Create(CliContext context)
    {
        var email = new Option<string>("--email") { Description = "The user's e-mail address (also the user name).", Required = true };
        var password = new Option<string?>("--password")
        {
            Description = "The password; the portal's password rules apply. Better left out: it is then read from standard input or a prompt, not kept in shell history.",
        };
        var admin = new Option<bool>("--admin") { Description = "Give the user the Admin role." };
        var command = new Command("create", "Create a user who can sign in at once.") { email, password, admin };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var users = services.GetRequiredService<UserManager<PortalUser>>();
            var address = parse.GetRequiredValue(email).Trim();
            // The operator vouches for the address: no confirmation e-mail is needed.
            var user = new PortalUser { UserName = address, Email = address, EmailConfirmed = true };
            // Read before the transaction: a prompt must not hold the database.
            var secret = parse.GetValue(password) ?? await CliPassword.ReadAsync(context, cancellationToken);
            // Both or neither: a failed role assignment must not leave a half-made user behind.
            await using var transaction = await services.GetRequiredService<PortalDbContext>().Database.BeginTransactionAsync(cancellationToken);
            Check(await users.CreateAsync(user, secret));
            if (parse.GetValue(admin))
            {
                Check(await users.AddToRoleAsync(user, PortalRoles.Admin));
            }

            await transaction.CommitAsync(cancellationToken);
            if (parse.GetValue(admin))
            {
                await services.GetRequiredService<IOAuthEvents>().UserChangedAsync(
                    new UserChangedEvent(user.Id, address, UserChange.AdminRoleGranted, "cli"));
            }

            var roles = await users.GetRolesAsync(user);
            await context.Output.WriteLineAsync(
                $"Created user {address} (id {user.Id}){(roles.Count > 0 ? $" with role {string.Join(", ", roles)}" : "")}.");
        });
        return command;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new CliException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
