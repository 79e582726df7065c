using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;

namespace OAuthPortal.Identity;

/// <summary>
/// Portal:FirstUserBecomesAdmin: the first account registered on a portal with no admin becomes Admin, so a
/// fresh development portal is usable at once. Applied by the Register page only; the CLI says --admin explicitly.
/// </summary>
public sealed class FirstRunAdmin(UserManager<PortalUser> users, IOptions<PortalOptions> options, IOAuthEvents events, ILogger<FirstRunAdmin> logger)
{
    // Serialised so that two simultaneous first registrations do not both become admin.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task PromoteIfFirstAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        if (!options.Value.FirstUserBecomesAdmin)
        {
            return;
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            if ((await users.GetUsersInRoleAsync(PortalRoles.Admin)).Count == 0 &&
                (await users.AddToRoleAsync(user, PortalRoles.Admin)).Succeeded)
            {
                logger.LogWarning("First-run admin: {Email} was made Admin because Portal:FirstUserBecomesAdmin is on.", user.Email);
                await events.UserChangedAsync(new UserChangedEvent(user.Id, user.Email ?? "", UserChange.AdminRoleGranted, "system:first-run-admin"));
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
