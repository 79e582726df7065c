using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;

namespace OAuthPortal.Identity;

/// <summary>
/// Identity's user manager with the portal's rules about accounts: every user records when it was created, and
/// deleting a user deletes the clients they own (and, through the database, those clients' codes and tokens).
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
