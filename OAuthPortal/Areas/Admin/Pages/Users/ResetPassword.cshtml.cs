using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OAuthPortal.Components;
using OAuthPortal.Management.Users;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Users;

/// <summary>
/// /Admin/Users/ResetPassword/{id}: asks first (the current password stops working, the user's sessions end), then sets
/// a random temporary password and shows it once (not cached, never stored in clear) for the admin to hand over.
/// </summary>
public sealed class ResetPasswordModel(UserAdministration users, UserSignOut signOut, UserPasswords passwords, IOptions<IdentityOptions> identity)
    : AdminPageModel
{
    public string Email { get; private set; } = "";

    /// <summary>The new password, set only in the response to the POST that made it.</summary>
    public string? TemporaryPassword { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(id, cancellationToken) is not { } account)
        {
            return NotFound();
        }

        var sessions = await signOut.CountSessionsAsync(id, cancellationToken);
        return Ask(new Confirmation(
            $"Reset the password of {account.Email}?",
            [$"Their current password stops working and {DetailsModel.Count(sessions, "session")} of theirs end{(sessions == 1 ? "s" : "")}.",
             "A temporary password is shown once, on the next page: hand it over privately; they can change it under Manage your account.",
             "Tokens apps already hold keep working."],
            "Reset the password", Url.Page("/Users/Details", new { id })!, Danger: false));
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        var password = Management.Users.TemporaryPassword.New(identity.Value.Password);
        switch (await passwords.SetAsync(id, password, Actor, cancellationToken))
        {
            case null:
                return NotFound();
            case { Succeeded: false } refused:
                TempData.SetStatus(StatusKind.Error, string.Join(" ", refused.Errors.Select(e => e.Message)));
                return RedirectToPage("Details", new { id });
            case var done:
                Response.Headers.CacheControl = "no-store";
                (Email, TemporaryPassword) = (done.Value!, password);
                return Page();
        }
    }
}
