using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's page: the second step with a recovery code instead of the app's code (each works once).
/// Identity does not count wrong recovery codes; this page does, towards the same lockout as wrong app codes.
/// </summary>
[AllowAnonymous]
public sealed class LoginWithRecoveryCodeModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, SignInAudit audit) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter one of your recovery codes."), StringLength(32), DataType(DataType.Text), Display(Name = "Recovery code")]
        public string RecoveryCode { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return StartAgain();
        }

        ReturnUrl = returnUrl ?? Url.Content("~/");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = returnUrl ?? Url.Content("~/");
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return StartAgain();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.IsLockedOutAsync(user))
        {
            return RedirectToPage("./Lockout");
        }

        SignInAudit.MarkRecoveryCode(HttpContext);
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.RecoveryCode.Replace(" ", "", StringComparison.Ordinal));
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        await audit.FailedAsync(user, user.Email ?? "", "wrong recovery code");
        await users.AccessFailedAsync(user);
        if (await users.IsLockedOutAsync(user))
        {
            await audit.LockedOutAsync(user, user.Email ?? "", "too many wrong second-factor codes");
            return RedirectToPage("./Lockout");
        }

        ModelState.AddModelError("Input.RecoveryCode", "That recovery code is not right, or it was used before. Each code works once.");
        return Page();
    }

    private RedirectToPageResult StartAgain()
    {
        TempData.SetStatus(StatusKind.Info, "Your sign-in timed out: log in again.");
        return RedirectToPage("./Login");
    }
}
