using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>Asks before a passkey is removed, naming it; Remove removes it, Cancel goes back and changes nothing.</summary>
[Authorize]
public sealed class RemovePasskeyModel(UserPasskeys passkeys, UserManager<PortalUser> users) : PageModel
{
    public PasskeyListing Passkey { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? id)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (await passkeys.FindAsync(user, id) is not { } passkey)
        {
            TempData.SetStatus(StatusKind.Warning, "That passkey no longer exists.");
            return RedirectToPage("./Passkeys");
        }

        Passkey = passkey;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var removed = await passkeys.RemoveAsync(user, id);
        TempData.SetStatus(removed.Succeeded ? StatusKind.Success : StatusKind.Warning,
            removed.Succeeded ? $"Passkey \u201c{removed.Name}\u201d removed: the portal no longer accepts it." : removed.Error!);
        return RedirectToPage("./Passkeys");
    }
}
