using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OAuthPortal.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's "your password has been reset" page, which anyone could open: the reset page now leads to the
/// login page with a status message, and this address does too (it says nothing of its own).
/// </summary>
[AllowAnonymous]
public sealed class ResetPasswordConfirmationModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("./Login");
}
