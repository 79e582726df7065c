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

namespace OAuthPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's page, which said "verification email sent" and "confirmation link sent" with no way to send
/// either. With Portal:Email a new address is changed to once its owner opens the link sent there (Identity UI's
/// ConfirmEmailChange page), and an unconfirmed address can get its link again (<see cref="AccountEmails"/>: one of
/// each every 15 minutes); without it, the page says that neither is possible and who can help.
/// </summary>
[Authorize]
public sealed class EmailModel(UserManager<PortalUser> users, AccountEmails emails, IOptions<EmailSettings> email) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Email { get; private set; } = "";

    public bool IsEmailConfirmed { get; private set; }

    /// <summary>The portal can send the links this page offers.</summary>
    public bool CanSend => email.Value.IsConfigured;

    public sealed class InputModel
    {
        [Required, EmailAddress, StringLength(256), Display(Name = "New e-mail")]
        public string NewEmail { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        Describe(user);
        return Page();
    }

    public async Task<IActionResult> OnPostChangeEmailAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        Describe(user);
        if (!CanSend || !ModelState.IsValid)
        {
            return Page();
        }

        if (string.Equals(Input.NewEmail.Trim(), user.Email, StringComparison.OrdinalIgnoreCase))
        {
            TempData.SetStatus(StatusKind.Info, "That is already your address: nothing changed.");
            return RedirectToPage();
        }

        // Sent whether or not another account has the address (the link then fails): the page does not tell which addresses are taken.
        await emails.SendEmailChangeAsync(HttpContext, user, Input.NewEmail.Trim());
        TempData.SetStatus(StatusKind.Success,
            $"We sent a link to {Input.NewEmail.Trim()}: your address changes when you open it. Until then you keep using {user.Email}.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSendVerificationEmailAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        Describe(user);
        if (!CanSend || IsEmailConfirmed)
        {
            return Page();
        }

        await emails.SendConfirmationAsync(HttpContext, user, Url.Content("~/"));
        TempData.SetStatus(StatusKind.Success, $"We sent a confirmation link to {user.Email}: open it to confirm your address.");
        return RedirectToPage();
    }

    private void Describe(PortalUser user) => (Email, IsEmailConfirmed) = (user.Email ?? "", user.EmailConfirmed);
}
