using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's page, which answered "your password has been reset" to an address without an account (a
/// lie) and showed the password rules only after a failed attempt. A wrong address and a link that is not (or no
/// longer) valid get the same answer, so the page tells nothing about which addresses have accounts; success signs
/// every session out (<c>PortalUserManager</c>) and leads to the login page.
/// </summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<PortalUser> users) : PageModel
{
    public const string InvalidLink =
        "This link does not work for that e-mail address: check the address, or ask for a new link (a link works once, for a day).";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required, EmailAddress, StringLength(256), Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required, StringLength(RegisterModel.MaxPasswordLength, ErrorMessage = "The {0} must be at most {1} characters long.")]
        [DataType(DataType.Password), Display(Name = "New password")]
        public string Password { get; set; } = "";

        [DataType(DataType.Password), Display(Name = "Confirm the new password")]
        [Compare(nameof(Password), ErrorMessage = "The password and its confirmation do not match.")]
        public string ConfirmPassword { get; set; } = "";

        [Required]
        public string Code { get; set; } = "";
    }

    public IActionResult OnGet(string? code = null)
    {
        if (Decode(code) is not { } token)
        {
            return BadRequest();
        }

        Input = new InputModel { Code = token };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email);
        var result = user is null ? null : await users.ResetPasswordAsync(user, Input.Code, Input.Password);
        if (result is { Succeeded: true })
        {
            TempData.SetStatus(StatusKind.Success, "Your new password is set: log in with it. Every browser that was signed in was signed out.");
            return RedirectToPage("./Login");
        }

        if (result is null || result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
        {
            ModelState.AddModelError(string.Empty, InvalidLink);
            return Page();
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(string.Empty, error.Description);
        }

        return Page();
    }

    private static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
