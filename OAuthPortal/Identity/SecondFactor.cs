using Microsoft.AspNetCore.Identity;
using OAuthPortal.Data;

namespace OAuthPortal.Identity;

/// <summary>
/// The one answer to "does this user have a second factor?", asked by the admin gate
/// (<see cref="RequireSecondFactorForAdmins"/>) and the two-factor pages. Today that is an authenticator app that was
/// verified (Identity's two-factor flag); other factors (passkeys) are to be counted here too.
/// </summary>
public sealed class SecondFactor(UserManager<PortalUser> users)
{
    public Task<bool> HasAsync(PortalUser user) => users.GetTwoFactorEnabledAsync(user);
}
