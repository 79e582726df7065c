using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;

namespace OAuthPortal.Identity;

/// <summary>
/// Portal:FirstUserBecomesAdmin: the first account registered on a portal with no admin becomes Admin, so a
/// fresh development portal is usable at once. Applied by the Register page only; the CLI says --admin explicitly.
/// Checked and granted under the cluster-wide <see cref="PortalRoles.AdminRoleLock"/>, so that simultaneous first
/// registrations, on any instances, make one admin.
/// </summary>
public sealed class FirstRunAdmin(
    PortalDbContext db, UserManager<PortalUser> users, ClusterLeases locks, IOptions<PortalOptions> options, IOAuthEvents events, ILogger<FirstRunAdmin> logger)
{
    public async Task PromoteIfFirstAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        if (!options.Value.FirstUserBecomesAdmin)
        {
            return;
        }

        var promoted = await locks.RunLockedAsync(PortalRoles.AdminRoleLock, async () =>
            !await db.UserRoles.AnyAsync(r => r.RoleId == PortalRoles.AdminRoleId, cancellationToken) &&
            (await users.AddToRoleAsync(user, PortalRoles.Admin)).Succeeded, cancellationToken);
        if (promoted)
        {
            // After the commit: the audit entry is written through a database scope of its own.
            logger.LogWarning("First-run admin: {Email} was made Admin because Portal:FirstUserBecomesAdmin is on.", user.Email);
            await events.UserChangedAsync(new UserChangedEvent(user.Id, user.Email ?? "", UserChange.AdminRoleGranted, "system:first-run-admin"));
        }
    }
}
