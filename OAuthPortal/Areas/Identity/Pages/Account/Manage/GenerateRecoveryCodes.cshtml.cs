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

/// <summary>Replaces Identity UI's page: asks first (the old codes stop working), then makes new recovery codes and shows them once.</summary>
[Authorize]
public sealed class GenerateRecoveryCodesModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, SignInAudit audit) : PageModel
{
    public int RecoveryCodesLeft { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return NeedsTwoFactor();
        }

        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return NeedsTwoFactor();
        }

        TempData[ShowRecoveryCodesModel.TempDataKey] = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, EnableAuthenticatorModel.RecoveryCodeCount))!.ToArray();
        await audit.ChangedAsync(user, UserChange.RecoveryCodesGenerated, $"{EnableAuthenticatorModel.RecoveryCodeCount} codes; the earlier ones stopped working");
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage("./ShowRecoveryCodes");
    }

    private RedirectToPageResult NeedsTwoFactor()
    {
        TempData.SetStatus(StatusKind.Warning, "Recovery codes come with two-factor authentication: set up an authenticator app first.");
        return RedirectToPage("./TwoFactorAuthentication");
    }
}
