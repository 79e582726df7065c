using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.Management.Apps;
using OAuthPortal.Management.Tokens;
using OAuthPortal.Management.Users;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Users;

/// <summary>/Admin/Users/Details/{id}: a user's role, lock, grants and tokens; change them.</summary>
public sealed class DetailsModel(UserAdministration users, AuthorizedApps apps, TokenAdministration tokens) : AdminPageModel
{
    public UserListItem Account { get; private set; } = default!;

    public IReadOnlyList<AuthorizedApp> Apps { get; private set; } = [];

    public IReadOnlyList<TokenRow> Tokens { get; private set; } = [];

    /// <summary>How many tokens the user has in all (the page shows the newest page of them).</summary>
    public int TokensTotal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(id, cancellationToken) is not { } account)
        {
            return NotFound();
        }

        Account = account;
        Apps = await apps.ListAsync(id, cancellationToken);
        var page = await tokens.SearchAsync(new TokenSearch(UserId: id), 1, cancellationToken);
        TokensTotal = page.TotalCount;
        Tokens = page.Items.Select(TokenRow.From).ToList();
        return Page();
    }

    public Task<IActionResult> OnPostGrantAdminAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, users.SetAdminAsync(id, true, Actor, cancellationToken), "is now an admin");

    public Task<IActionResult> OnPostRemoveAdminAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, users.SetAdminAsync(id, false, Actor, cancellationToken), "is no longer an admin");

    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, users.SetLockedAsync(id, true, Actor, cancellationToken), "is locked out");

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, users.SetLockedAsync(id, false, Actor, cancellationToken), "is unlocked");

    public async Task<IActionResult> OnPostRevokeTokensAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(id, cancellationToken) is not { } account)
        {
            return NotFound();
        }

        var count = await tokens.RevokeAllOfUserAsync(id, account.Email, Actor, cancellationToken);
        TempData.SetStatus(StatusKind.Success, $"Revoked {count} token(s) of {account.Email}.");
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ChangeAsync(string id, Task<UserChangeResult> change, string done)
    {
        switch (await change)
        {
            case UserChangeResult.NotFound:
                return NotFound();
            case UserChangeResult.LastAdmin:
                TempData.SetStatus(StatusKind.Error, "Refused: the portal would have no active administrator left.");
                break;
            default:
                TempData.SetStatus(StatusKind.Success, $"The user {done}.");
                break;
        }

        return RedirectToPage(new { id });
    }
}
