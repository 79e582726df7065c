using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.OAuth.Events;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's page: asks first, then gives the account a new authenticator key (the apps holding the old
/// one stop working) and turns two-factor sign-in off until an app is set up with the new key.
/// </summary>
[Authorize]
public sealed class ResetAuthenticatorModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, SignInAudit audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync() => await users.GetUserAsync(User) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.ChangedAsync(user, UserChange.AuthenticatorReset, "new key; two-factor sign-in off until an app is set up again");
        await signIn.RefreshSignInAsync(user);
        TempData.SetStatus(StatusKind.Success, "The authenticator key was reset: set up your app again with the new key to turn two-factor sign-in back on.");
        return RedirectToPage("./EnableAuthenticator");
    }
}
