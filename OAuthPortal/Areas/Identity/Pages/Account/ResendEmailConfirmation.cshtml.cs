using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Identity.Email;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's page, which said "verification email sent" whether or not anything could be sent. With
/// Portal:Email, an unconfirmed account gets its link again (<see cref="AccountEmails"/>: at most one every 15
/// minutes) and every address gets the same answer; without it the page says that no link can be sent.
/// </summary>
[AllowAnonymous]
public sealed class ResendEmailConfirmationModel(UserManager<PortalUser> users, AccountEmails emails, IOptions<EmailSettings> email) : PageModel
{
    public const string Sent = "If that address has an account that is not confirmed yet, a new confirmation link is on its way: check your e-mail.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

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
        if (!Available || !ModelState.IsValid)
        {
            return Page();
        }

        if (await users.FindByEmailAsync(Input.Email) is { EmailConfirmed: false } user)
        {
            await emails.SendConfirmationAsync(HttpContext, user, Url.Content("~/"));
        }

        TempData.SetStatus(StatusKind.Info, Sent);
        return RedirectToPage("./Login");
    }
}
