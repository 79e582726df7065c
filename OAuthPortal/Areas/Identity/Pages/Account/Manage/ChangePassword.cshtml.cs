using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's page: the password rules are shown before the first attempt, each problem once (a wrong
/// current password beside its field, a rule the new one breaks above the form), and wrong current passwords count
/// towards lockout as at sign-in (<see cref="PasswordSignIn.CheckAsync"/>), so a stolen session cannot guess freely.
/// Changing the password ends every other session (<c>PortalUserManager</c>); this browser is signed in again.
/// </summary>
[Authorize]
public sealed class ChangePasswordModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, PasswordSignIn passwords) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required, DataType(DataType.Password), Display(Name = "Current password")]
        public string OldPassword { get; set; } = "";

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

        return await users.HasPasswordAsync(user) ? Page() : RedirectToPage("./SetPassword");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var check = await passwords.CheckAsync(user, Input.OldPassword, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (check != PasswordCheck.Correct)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.OldPassword)}", check == PasswordCheck.LockedOut
                ? "Too many wrong passwords: password changes are paused on this network for a while. Nothing was changed."
                : "Incorrect password.");
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, Input.OldPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        TempData.SetStatus(StatusKind.Success, "Your password was changed. Every other browser that was signed in was signed out.");
        return RedirectToPage();
    }
}
