using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// The user's passkeys: the list (name, added, synced), adding one (passkeys.js asks <c>CreationOptions</c> for a
/// challenge, runs <c>navigator.credentials.create()</c> and posts the result to <c>Add</c>), renaming one; removing
/// one asks first (<see cref="RemovePasskeyModel"/>).
/// </summary>
[Authorize]
public sealed class PasskeysModel(UserPasskeys passkeys, UserManager<PortalUser> users) : PageModel
{
    public IReadOnlyList<PasskeyListing> Passkeys { get; private set; } = [];

    /// <summary>Why the passkey just offered was not added, shown above the form.</summary>
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Passkeys = await passkeys.ListAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostCreationOptionsAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Response.Headers.CacheControl = "no-store";
        return Content(await passkeys.CreationOptionsAsync(user), "application/json");
    }

    public async Task<IActionResult> OnPostAddAsync(string? credentialJson, string? error, string? name)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var added = string.IsNullOrWhiteSpace(credentialJson)
            ? PasskeyChange.Refused(UserPasskeys.DescribeBrowserError(error))
            : await passkeys.AddAsync(user, credentialJson, name);
        if (!added.Succeeded)
        {
            Error = added.Error;
            Passkeys = await passkeys.ListAsync(user);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData.SetStatus(StatusKind.Success, $"Passkey \u201c{added.Name}\u201d added: you can sign in with it now.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenameAsync(string? id, string? name)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var renamed = await passkeys.RenameAsync(user, id, name);
        TempData.SetStatus(renamed.Succeeded ? StatusKind.Success : StatusKind.Warning,
            renamed.Succeeded ? $"Passkey renamed to \u201c{renamed.Name}\u201d." : renamed.Error!);
        return RedirectToPage();
    }
}
