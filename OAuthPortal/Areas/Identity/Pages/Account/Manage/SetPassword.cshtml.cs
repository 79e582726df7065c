using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's page (for an account without a password): the password rules are shown before the first
/// attempt and each broken rule once. Setting a password ends every other session (<c>PortalUserManager</c>).
/// </summary>
[Authorize]
public sealed class SetPasswordModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required, StringLength(Account.RegisterModel.MaxPasswordLength, ErrorMessage = "The {0} must be at most {1} characters long.")]
        [DataType(DataType.Password), Display(Name = "New password")]
        public string NewPassword { get; set; } = "";

        [DataType(DataType.Password), Display(Name = "Confirm the new password")]
        [Compare(nameof(NewPassword), ErrorMessage = "The new password and its confirmation do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        return await users.HasPasswordAsync(user) ? RedirectToPage("./ChangePassword") : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        if (await users.HasPasswordAsync(user))
        {
            return RedirectToPage("./ChangePassword");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.AddPasswordAsync(user, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        TempData.SetStatus(StatusKind.Success, "Your password is set: you can now log in with your e-mail address and this password.");
        return RedirectToPage("./ChangePassword");
    }
}
