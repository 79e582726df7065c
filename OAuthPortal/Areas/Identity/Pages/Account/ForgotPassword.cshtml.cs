using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Identity.Email;

namespace OAuthPortal.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's page, which sent nothing to an address that was never confirmed (the default: registering
/// does not ask for confirmation), so such users could never reset a forgotten password. The link goes to any address
/// with an account (opening it confirms the address); the answer is the same for every address, and comes before the
/// e-mail is delivered. Without Portal:Email the page says that it cannot send a link and who can help, and sends nothing.
/// </summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(UserManager<PortalUser> users, AccountEmails emails, IOptions<EmailSettings> email) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The portal can e-mail a reset link.</summary>
    public bool Available => email.Value.IsConfigured;

    public sealed class InputModel
    {
        [Required, EmailAddress, StringLength(256), Display(Name = "E-mail")]
        public string Email { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Available)
        {
            return Page(); // nothing can be sent: the page says so again
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.FindByEmailAsync(Input.Email) is { } user)
        {
            await emails.SendPasswordResetAsync(HttpContext, user);
        }

        return RedirectToPage("./ForgotPasswordConfirmation");
    }
}
