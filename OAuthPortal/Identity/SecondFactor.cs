using Microsoft.AspNetCore.Identity;
using OAuthPortal.Data;

namespace OAuthPortal.Identity;

/// <summary>
/// The one answer to "does this user have a second factor?", asked by the admin gate
/// (<see cref="RequireSecondFactorForAdmins"/>) and the two-factor pages: an authenticator app that was verified
/// (Identity's two-factor flag), which every password sign-in must then also present. A passkey does not count: it is
/// another way in, not a second step, so an account with a passkey can still sign in with its password alone.
/// </summary>
public sealed class SecondFactor(UserManager<PortalUser> users)
{
    public Task<bool> HasAsync(PortalUser user) => users.GetTwoFactorEnabledAsync(user);
}
