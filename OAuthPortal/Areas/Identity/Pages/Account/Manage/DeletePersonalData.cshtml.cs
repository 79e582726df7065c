using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Management.Users;

namespace OAuthPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's page of the same path: says what goes with the account (the clients the user owns), and
/// refuses, with a message instead of an error page, to delete the last administrator who can sign in; wrong
/// passwords count towards lockout.
/// </summary>
[Authorize]
public sealed class DeletePersonalDataModel(
    UserManager<PortalUser> users, SignInManager<PortalUser> signIn, PasswordSignIn passwords, UserAdministration administration, PortalDbContext db)
    : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool RequirePassword { get; private set; }

    /// <summary>How many clients the user owns: they are deleted with the account.</summary>
    public int OwnedClients { get; private set; }

    public sealed class InputModel
    {
        [DataType(DataType.Password)]
        public string? Password { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        await DescribeAsync(user, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        await DescribeAsync(user, cancellationToken);
        if (RequirePassword)
        {
            // Wrong passwords count towards lockout here as at login: a stolen session cannot guess the password freely.
            var check = await passwords.CheckAsync(user, Input.Password ?? "", HttpContext.Connection.RemoteIpAddress, cancellationToken);
            if (check != PasswordCheck.Correct)
            {
                ModelState.AddModelError(string.Empty, check == PasswordCheck.LockedOut
                    ? "Too many wrong passwords: your account is locked on this network for a while. Nothing was deleted."
                    : "Incorrect password.");
                return Page();
            }
        }

        if (await administration.DeleteOwnAccountAsync(user, cancellationToken) == UserChangeResult.LastAdmin)
        {
            ModelState.AddModelError(string.Empty,
                "You are the only administrator who can sign in: make another user an administrator (Admin > Users) before you delete your account.");
            return Page();
        }

        await signIn.SignOutAsync();
        return Redirect("~/");
    }

    private async Task DescribeAsync(PortalUser user, CancellationToken cancellationToken)
    {
        RequirePassword = await users.HasPasswordAsync(user);
        OwnedClients = await db.Clients.CountAsync(c => c.OwnerId == user.Id, cancellationToken);
    }
}
