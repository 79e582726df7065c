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
/// Replaces Identity UI's page ("Thank you for confirming your email change" under a bare heading): the link sent by
/// <i>Manage &gt; E-mail</i> changes the address (and the user name, which is the address), then leads to that page (or
/// to log in, in a browser signed in as nobody or someone else) with a status message; a link that does not work says so.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmEmailChangeModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? userId = null, string? email = null, string? code = null)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(email) || string.IsNullOrEmpty(code))
        {
            return RedirectToPage("/Index", new { area = "" });
        }

        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return NotFound();
        }

        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return BadRequest();
        }

        if (!(await users.ChangeEmailAsync(user, email, token)).Succeeded || !(await users.SetUserNameAsync(user, email)).Succeeded)
        {
            return Page();
        }

        TempData.SetStatus(StatusKind.Success, $"Your e-mail address is now {email}: log in with it from now on.");
        if (users.GetUserId(User) == user.Id)
        {
            await signIn.RefreshSignInAsync(user);
            return RedirectToPage("./Manage/Email");
        }

        return RedirectToPage("./Login");
    }
}
