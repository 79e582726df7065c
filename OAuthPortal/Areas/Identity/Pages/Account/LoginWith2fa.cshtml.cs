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
/// Replaces Identity UI's page: the second step of a sign-in, a code from the authenticator app. Wrong codes are
/// audited and count towards Identity's lockout of the account (only someone who knew the password gets here); the
/// browser can be remembered so that it asks for the password only. Without a pending first step it goes back to log in.
/// </summary>
[AllowAnonymous]
public sealed class LoginWith2faModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, SignInAudit audit) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool RememberMe { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit code your app shows."), StringLength(7, MinimumLength = 6, ErrorMessage = "The code has 6 digits.")]
        [DataType(DataType.Text), Display(Name = "Code from the app")]
        public string TwoFactorCode { get; set; } = "";

        [Display(Name = "Remember this browser (no code here for 14 days)")]
        public bool RememberMachine { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(bool rememberMe, string? returnUrl = null)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return StartAgain();
        }

        RememberMe = rememberMe;
        ReturnUrl = returnUrl ?? Url.Content("~/");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool rememberMe, string? returnUrl = null)
    {
        RememberMe = rememberMe;
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

        var code = Input.TwoFactorCode.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, rememberMe, Input.RememberMachine);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        await audit.FailedAsync(user, user.Email ?? "", "wrong authenticator code");
        if (result.IsLockedOut)
        {
            await audit.LockedOutAsync(user, user.Email ?? "", "too many wrong authenticator codes");
            return RedirectToPage("./Lockout");
        }

        ModelState.AddModelError("Input.TwoFactorCode",
            "That code is not right. Enter the code the app shows now (it changes every 30 seconds), and check that your phone's clock is set automatically.");
        return Page();
    }

    private RedirectToPageResult StartAgain()
    {
        TempData.SetStatus(StatusKind.Info, "Your sign-in timed out: log in again.");
        return RedirectToPage("./Login");
    }
}
