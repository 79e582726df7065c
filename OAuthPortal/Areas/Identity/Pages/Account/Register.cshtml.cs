using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Identity.Pages.Account;

/// <summary>
/// Overrides Identity UI's register page, whose external-login section links end users to developer docs on
/// another origin. Same flow otherwise: create, then sign in or (RequireConfirmedAccount) send a confirmation.
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signIn,
    FirstRunAdmin firstRunAdmin,
    IEmailSender emailSender,
    ILogger<RegisterModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    public sealed class InputModel
    {
        [Required, EmailAddress, Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required, StringLength(100, ErrorMessage = "The {0} must be at least {2} and at most {1} characters long.", MinimumLength = 6)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [DataType(DataType.Password), Display(Name = "Confirm password")]
        [Compare(nameof(Password), ErrorMessage = "The password and confirmation password do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet(string? returnUrl = null) => ReturnUrl = returnUrl ?? Url.Content("~/");

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = returnUrl ?? Url.Content("~/");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new PortalUser { UserName = Input.Email, Email = Input.Email };
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        logger.LogInformation("User created a new account with password.");
        await firstRunAdmin.PromoteIfFirstAsync(user, HttpContext.RequestAborted);
        if (users.Options.SignIn.RequireConfirmedAccount)
        {
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
            var callbackUrl = Url.Page("/Account/ConfirmEmail", null, new { area = "Identity", userId = user.Id, code, returnUrl = ReturnUrl }, Request.Scheme);
            await emailSender.SendEmailAsync(Input.Email, "Confirm your e-mail",
                $"Confirm your account by opening this link: {System.Net.WebUtility.HtmlEncode(callbackUrl)}");
            return RedirectToPage("RegisterConfirmation", new { email = Input.Email, returnUrl = ReturnUrl });
        }

        await signIn.SignInAsync(user, isPersistent: false);
        TempData.SetStatus(StatusKind.Success, "Welcome! Your account was created and you are signed in.");
        return LocalRedirect(ReturnUrl);
    }
}
