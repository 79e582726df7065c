using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;

namespace OAuthPortal.Identity;

/// <summary>
/// Identity's user manager with the portal's two rules about accounts: the first-run admin, and
/// deleting a user deletes the clients they own (and through them those clients' codes and tokens).
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
    IOptions<PortalOptions> portalOptions,
    TimeProvider clock,
    ILogger<PortalUserManager> portalLogger)
    : UserManager<PortalUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    private static readonly SemaphoreSlim FirstAdminGate = new(1, 1);

    public override async Task<IdentityResult> CreateAsync(PortalUser user)
    {
        if (user.CreatedAt == default)
        {
            user.CreatedAt = clock.GetUtcNow().UtcDateTime;
        }

        if (!portalOptions.Value.FirstUserBecomesAdmin)
        {
            return await base.CreateAsync(user);
        }

        // Serialised so that two simultaneous first registrations do not both become admin.
        await FirstAdminGate.WaitAsync(CancellationToken);
        try
        {
            var result = await base.CreateAsync(user);
            if (result.Succeeded && (await GetUsersInRoleAsync(PortalRoles.Admin)).Count == 0)
            {
                result = await AddToRoleAsync(user, PortalRoles.Admin);
                portalLogger.LogWarning("First-run admin: {Email} was made Admin because Portal:FirstUserBecomesAdmin is on.", user.Email);
            }

            return result;
        }
        finally
        {
            FirstAdminGate.Release();
        }
    }

    public override async Task<IdentityResult> DeleteAsync(PortalUser user)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken);
        await db.Clients.Where(c => c.OwnerId == user.Id).ExecuteDeleteAsync(CancellationToken);
        var result = await base.DeleteAsync(user);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(CancellationToken);
        }

        return result;
    }
}
