using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OAuthPortal.Identity.Email;

namespace OAuthPortal.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's page, which looked the address up (404 for an unknown one: account enumeration) and, with no
/// e-mail sender, showed anyone a working confirmation link for any account. This one only says what to do next, the
/// same for every address; without Portal:Email (no confirmation is asked then) it does not claim a link was sent.
/// </summary>
[AllowAnonymous]
public sealed class RegisterConfirmationModel(IOptions<EmailSettings> email) : PageModel
{
    public bool EmailConfigured => email.Value.IsConfigured;

    public void OnGet()
    {
    }
}
