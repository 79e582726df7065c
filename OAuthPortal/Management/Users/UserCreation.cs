using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Events;

namespace OAuthPortal.Management.Users;

/// <summary>
/// An administrator creates a user (admin console): the e-mail is vouched for (confirmed), the password is a random
/// temporary one shown once to the administrator, the Admin role optional. Audited as <see cref="UserChange.Created"/>
/// (and <see cref="UserChange.AdminRoleGranted"/> with the role).
/// </summary>
public sealed class UserCreation(PortalDbContext db, UserManager<PortalUser> users, IOptions<IdentityOptions> identity, IOAuthEvents events)
{
    /// <summary>The field of a refused e-mail in <see cref="Outcome{T}"/>.</summary>
    public const string EmailField = "Email";

    public async Task<Outcome<CreatedUser>> CreateAsync(string email, bool admin, string actor, CancellationToken cancellationToken = default)
    {
        var address = email.Trim();
        var password = TemporaryPassword.New(identity.Value.Password);
        var user = new PortalUser { UserName = address, Email = address, EmailConfirmed = true };
        // Both or neither: a failed role assignment must not leave a half-made user behind.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return Outcome<CreatedUser>.Failure(created.Errors.Select(e => new FieldError(EmailField, e.Description)).ToList());
            }

            if (admin)
            {
                Check(await users.AddToRoleAsync(user, PortalRoles.Admin));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await events.UserChangedAsync(new UserChangedEvent(user.Id, address, UserChange.Created, actor,
            admin ? "with the Admin role; temporary password" : "temporary password"));
        if (admin)
        {
            await events.UserChangedAsync(new UserChangedEvent(user.Id, address, UserChange.AdminRoleGranted, actor));
        }

        return Outcome<CreatedUser>.Success(new CreatedUser(user.Id, address, admin, password));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
