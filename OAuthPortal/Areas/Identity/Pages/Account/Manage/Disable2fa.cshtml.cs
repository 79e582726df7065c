using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.OAuth.Events;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's page: asks first, and tells an administrator that the admin pages then ask for a second
/// factor again (Portal:RequireTwoFactorForAdmins). The key and recovery codes are kept; setting up an app turns it back on.
/// </summary>
[Authorize]
public sealed class Disable2faModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, SignInAudit audit, IOptions<PortalOptions> options)
    : PageModel
{
    /// <summary>The admin pages will require a second factor of this user again.</summary>
    public bool AdminLosesAccess { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            TempData.SetStatus(StatusKind.Info, "Two-factor authentication is already off.");
            return RedirectToPage("./TwoFactorAuthentication");
        }

        AdminLosesAccess = options.Value.RequireTwoFactorForAdmins && await users.IsInRoleAsync(user, PortalRoles.Admin);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await signIn.RefreshSignInAsync(user); // a new security stamp: this browser stays signed in
            await audit.ChangedAsync(user, UserChange.TwoFactorDisabled, "by the user");
        }

        TempData.SetStatus(StatusKind.Success, "Two-factor authentication is off: signing in asks for your password only.");
        return RedirectToPage("./TwoFactorAuthentication");
    }
}
