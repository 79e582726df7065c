using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's page: where the user's second factor stands (authenticator app, recovery codes left, this
/// browser remembered) and the ways to change it; says so when the portal requires one of an administrator.
/// </summary>
[Authorize]
public sealed class TwoFactorAuthenticationModel(
    UserManager<PortalUser> users, SignInManager<PortalUser> signIn, SecondFactor secondFactor, IOptions<PortalOptions> options) : PageModel
{
    public bool HasAuthenticator { get; private set; }

    public bool IsTwoFactorEnabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public bool IsBrowserRemembered { get; private set; }

    /// <summary>An administrator who must have a second factor (Portal:RequireTwoFactorForAdmins) and has none.</summary>
    public bool AdminMustSetUp { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        HasAuthenticator = await users.GetAuthenticatorKeyAsync(user) is not null && await users.GetTwoFactorEnabledAsync(user);
        IsTwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        IsBrowserRemembered = await signIn.IsTwoFactorClientRememberedAsync(user);
        AdminMustSetUp = options.Value.RequireTwoFactorForAdmins && await users.IsInRoleAsync(user, PortalRoles.Admin) && !await secondFactor.HasAsync(user);
        return Page();
    }

    /// <summary>This browser asks for the code again at the next sign-in.</summary>
    public async Task<IActionResult> OnPostForgetBrowserAsync()
    {
        await signIn.ForgetTwoFactorClientAsync();
        TempData.SetStatus(StatusKind.Success, "This browser is forgotten: the next sign-in here asks for a code again.");
        return RedirectToPage();
    }
}
