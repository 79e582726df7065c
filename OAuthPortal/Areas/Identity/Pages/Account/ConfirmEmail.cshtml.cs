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
/// Replaces Identity UI's page ("Thank you for confirming your email" under a bare heading): a confirmed address
/// leads to the login page with a status message (and on to the local page the
/// registration started from); a link that no longer works says so and how to get a new one.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<PortalUser> users) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? userId = null, string? code = null, string? returnUrl = null)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code))
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

        if (!(await users.ConfirmEmailAsync(user, token)).Succeeded)
        {
            return Page(); // the link is not (or no longer) valid: the page says what to do
        }

        TempData.SetStatus(StatusKind.Success, "Your e-mail address is confirmed: log in with it and your password.");
        return RedirectToPage("./Login", new { returnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null }); // back to the app that sent them here
    }
}
