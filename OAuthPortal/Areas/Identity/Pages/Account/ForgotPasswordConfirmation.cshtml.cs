using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OAuthPortal.Identity.Email;

namespace OAuthPortal.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's "please check your email" page: the same words for every address (the portal does not say
/// whether it had an account), and no "check your e-mail" at all when the portal cannot send any.
/// </summary>
[AllowAnonymous]
public sealed class ForgotPasswordConfirmationModel(IOptions<EmailSettings> email) : PageModel
{
    public bool EmailConfigured => email.Value.IsConfigured;

    public void OnGet()
    {
    }
}
