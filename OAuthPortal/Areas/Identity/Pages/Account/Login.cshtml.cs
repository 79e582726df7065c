using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.Areas.Identity.Pages.Account;

/// <summary>
/// Overrides Identity UI's login page: the password check is <see cref="PasswordSignIn"/>, which counts attempts per
/// source and answers every e-mail address alike (Identity UI's page did no lockout, and told unknown addresses apart);
/// a browser that signs in is remembered (<see cref="TrustedDevices"/>) so that guessing elsewhere cannot lock it out.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(
    PasswordSignIn passwordSignIn, TrustedDevices devices, AccountEmails emails, UserManager<PortalUser> users, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    public sealed class InputModel
    {
        [Required, EmailAddress, StringLength(256), Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required, DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Display(Name = "Remember me")]
        public bool RememberMe { get; set; }
    }

    public async Task OnGetAsync(string? returnUrl = null)
    {
        ReturnUrl = returnUrl ?? Url.Content("~/");
        Input.Email = LoginHint.FromReturnUrl(ReturnUrl) ?? "";
        // Start from a clean slate: drop any half-finished external login.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken, string? returnUrl = null)
    {
        ReturnUrl = returnUrl ?? Url.Content("~/");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await passwordSignIn.SignInAsync(Input.Email, Input.Password, Input.RememberMe, HttpContext.Connection.RemoteIpAddress,
            devices.IsTrusted(Request, Input.Email), cancellationToken);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            devices.Remember(HttpContext, Input.Email); // the right password: failures elsewhere no longer lock this browser out
        }

        if (result.Succeeded)
        {
            logger.LogInformation("User signed in.");
            return LocalRedirect(ReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl, Input.RememberMe });
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: locked out.");
            var until = await passwordSignIn.LockedUntilAsync(Input.Email, HttpContext.Connection.RemoteIpAddress, devices.IsTrusted(Request, Input.Email), cancellationToken);
            TempData[LockoutModel.LockedUntilKey] = until is { } end ? DateTime.SpecifyKind(end, DateTimeKind.Utc) : null;
            return RedirectToPage("./Lockout");
        }

        if (result.IsNotAllowed && await users.FindByEmailAsync(Input.Email) is { } unconfirmed)
        {
            // Answered as a wrong password (see PasswordSignIn); the owner of the address gets the link again.
            await emails.SendConfirmationAsync(HttpContext, unconfirmed, ReturnUrl);
        }

        ModelState.AddModelError(string.Empty, users.Options.SignIn.RequireConfirmedAccount
            ? "Invalid login attempt. If you registered recently, open the confirmation link we e-mailed you first."
            : "Invalid login attempt.");
        return Page();
    }
}
