using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;

namespace OAuthPortal.Identity;

/// <summary>
/// Identity's user manager with the portal's rules about accounts: every user records when it was created; setting,
/// changing, resetting or removing a password ends every sign-in session of the user (the page that changed it signs
/// its own browser in again); deleting a user deletes the clients they own (and, through the database, those clients'
/// codes and tokens) and their sessions.
/// </summary>
public sealed class PortalUserManager(
    IUserStore<PortalUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<PortalUser> passwordHasher,
    IEnumerable<IUserValidator<PortalUser>> userValidators,
    IEnumerable<IPasswordValidator<PortalUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<PortalUser>> logger,
    PortalDbContext db,
    UserSessions sessions,
    SignInThrottle throttle,
    TimeProvider clock)
    : UserManager<PortalUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override Task<IdentityResult> CreateAsync(PortalUser user)
    {
        if (user.CreatedAt == default)
        {
            user.CreatedAt = clock.GetUtcNow().UtcDateTime;
        }

        return base.CreateAsync(user);
    }

    public override async Task<IdentityResult> ChangePasswordAsync(PortalUser user, string currentPassword, string newPassword) =>
        await EndSessionsIfAsync(user, await base.ChangePasswordAsync(user, currentPassword, newPassword));

    /// <summary>
    /// A reset also confirms the address (its link was mailed there) and lets the address sign in from anywhere again
    /// (the account-wide lockout counter starts again).
    /// </summary>
    public override async Task<IdentityResult> ResetPasswordAsync(PortalUser user, string token, string newPassword)
    {
        var result = await base.ResetPasswordAsync(user, token, newPassword);
        if (result.Succeeded)
        {
            if (!user.EmailConfirmed)
            {
                user.EmailConfirmed = true;
                await UpdateAsync(user);
            }

            await throttle.ForgetAccountAsync(user.Email ?? "", CancellationToken);
        }

        return await EndSessionsIfAsync(user, result);
    }

    public override async Task<IdentityResult> AddPasswordAsync(PortalUser user, string password) =>
        await EndSessionsIfAsync(user, await base.AddPasswordAsync(user, password));

    public override async Task<IdentityResult> RemovePasswordAsync(PortalUser user) =>
        await EndSessionsIfAsync(user, await base.RemovePasswordAsync(user));

    public override async Task<IdentityResult> DeleteAsync(PortalUser user)
    {
        // Within the caller's transaction when there is one (the Admin-role lock of UserAdministration), which then commits it.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(CancellationToken) : null;
        await sessions.EndAllAsync(user.Id, cancellationToken: CancellationToken); // also on this instance's cache
        await db.Clients.Where(c => c.OwnerId == user.Id).ExecuteDeleteAsync(CancellationToken);
        var result = await base.DeleteAsync(user);
        if (result.Succeeded && transaction is not null)
        {
            await transaction.CommitAsync(CancellationToken);
        }

        return result;
    }

    private async Task<IdentityResult> EndSessionsIfAsync(PortalUser user, IdentityResult result)
    {
        if (result.Succeeded)
        {
            await sessions.EndAllAsync(user.Id, cancellationToken: CancellationToken);
        }

        return result;
    }
}
