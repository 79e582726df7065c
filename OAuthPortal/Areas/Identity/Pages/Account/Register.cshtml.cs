using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Identity.Pages.Account;

/// <summary>
/// Overrides Identity UI's register page, which said when an address was taken (and linked end users to developer docs
/// on another origin). <see cref="AccountRegistration"/> creates the account; the answer is the same whether or not the
/// address had one: "confirm your e-mail" (Portal:RequireConfirmedAccount) or "log in now". With
/// Portal:RegistrationRevealsExistingAccounts, a new user is signed in at once and a taken address is named.
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(
    AccountRegistration registration,
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signIn,
    IOptions<PortalOptions> options) : PageModel
{
    /// <summary>The longest password the form accepts (Identity sets no upper limit).</summary>
    public const int MaxPasswordLength = 100;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    public sealed class InputModel
    {
        [Required, EmailAddress, StringLength(256), Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        // The shortest length and the other rules are Identity's (PasswordRules shows them; AccountRegistration checks them).
        [Required, StringLength(MaxPasswordLength, ErrorMessage = "The {0} must be at most {1} characters long.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [DataType(DataType.Password), Display(Name = "Confirm password")]
        [Compare(nameof(Password), ErrorMessage = "The password and confirmation password do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet(string? returnUrl = null) => ReturnUrl = returnUrl ?? Url.Content("~/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken, string? returnUrl = null)
    {
        ReturnUrl = returnUrl ?? Url.Content("~/");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await registration.RegisterAsync(HttpContext, Input.Email, Input.Password, ReturnUrl, cancellationToken);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        if (users.Options.SignIn.RequireConfirmedAccount)
        {
            return RedirectToPage("RegisterConfirmation", new { returnUrl = ReturnUrl });
        }

        if (options.Value.RegistrationRevealsExistingAccounts && result.User is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            TempData.SetStatus(StatusKind.Success, "Welcome! Your account was created and you are signed in.");
            return LocalRedirect(ReturnUrl);
        }

        TempData.SetStatus(StatusKind.Success,
            "Your account is ready: log in with your e-mail address and password. (If this address already had an account, nothing about it has changed.)");
        return RedirectToPage("./Login", new { returnUrl = ReturnUrl });
    }
}
