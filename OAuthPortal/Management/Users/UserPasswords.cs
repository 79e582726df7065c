using Microsoft.AspNetCore.Identity;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Events;

namespace OAuthPortal.Management.Users;

/// <summary>
/// An administrator sets a user's password (CLI <c>users set-password</c>): checked by Identity's password validators
/// (the same rules as registration and <i>Change password</i>), then stored in place of the old one; like a password
/// change, it ends every sign-in session of the user (<c>PortalUserManager</c>); like a password reset, the account-wide
/// sign-in lock starts again, so the new password works at once. Audited as <see cref="UserChange.PasswordSet"/>.
/// </summary>
public sealed class UserPasswords(PortalDbContext db, UserManager<PortalUser> users, SignInThrottle throttle, IOAuthEvents events)
{
    /// <summary>The field of a refused password in <see cref="Outcome{T}"/>.</summary>
    public const string PasswordField = "Password";

    /// <summary>Sets <paramref name="password"/> as the user's password; the user's e-mail on success; null when no such user.</summary>
    public async Task<Outcome<string>?> SetAsync(string userId, string password, string actor, CancellationToken cancellationToken = default)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return null;
        }

        // Judged before anything changes, so a refused password leaves the old one (and the user's sessions) as they were.
        var errors = new List<FieldError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors.Select(e => new FieldError(PasswordField, e.Description)));
        }

        if (errors.Count > 0)
        {
            return Outcome<string>.Failure(errors);
        }

        // Identity adds a password only to a user without one: both steps or neither. Another change of the same account
        // at the same moment (a second reset, a lock) makes Identity's concurrency check fail: nothing is changed then.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var removed = await users.RemovePasswordAsync(user);
            var result = removed.Succeeded ? await users.AddPasswordAsync(user, password) : removed;
            if (!result.Succeeded)
            {
                return Outcome<string>.Failure(result.Errors.Select(e => new FieldError(PasswordField,
                    e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)
                        ? "The account was changed by someone else at the same moment; nothing was changed. Try again."
                        : e.Description)).ToList());
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var email = user.Email ?? "";
        await throttle.ForgetAccountAsync(email, cancellationToken);
        await events.UserChangedAsync(new UserChangedEvent(user.Id, email, UserChange.PasswordSet, actor, "sign-in sessions ended"));
        return Outcome<string>.Success(email);
    }
}
