using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.Management.Apps;
using OAuthPortal.Management.Tokens;
using OAuthPortal.Management.Users;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Users;

/// <summary>
/// /Admin/Users/Details/{id}: a user's role, lock, sessions, grants and tokens; change them. Each change but unlocking
/// asks first (a GET of its handler shows what it will do, with counts), then its POST does it.
/// </summary>
public sealed class DetailsModel(UserAdministration users, UserSignOut signOut, AuthorizedApps apps, TokenAdministration tokens) : AdminPageModel
{
    public UserListItem Account { get; private set; } = default!;

    public IReadOnlyList<AuthorizedApp> Apps { get; private set; } = [];

    public IReadOnlyList<TokenRow> Tokens { get; private set; } = [];

    /// <summary>How many tokens the user has in all (the page shows the newest page of them).</summary>
    public int TokensTotal { get; private set; }

    /// <summary>How many sign-in sessions of the user still work.</summary>
    public int Sessions { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(id, cancellationToken) is not { } account)
        {
            return NotFound();
        }

        Account = account;
        Apps = await apps.ListAsync(id, cancellationToken);
        Sessions = await signOut.CountSessionsAsync(id, cancellationToken);
        var page = await tokens.SearchAsync(new TokenSearch(UserId: id), 1, cancellationToken);
        TokensTotal = page.TotalCount;
        Tokens = page.Items.Select(TokenRow.From).ToList();
        return Page();
    }

    public Task<IActionResult> OnGetGrantAdminAsync(string id, CancellationToken cancellationToken) => AskAsync(id, (user, _, _) => new(
        $"Make {user.Email} an administrator?",
        [$"{user.Email} gets the Admin role: they can manage every user, client, scope, token and signing key of the portal.",
         "The change reaches their open sessions at their next request."],
        "Make admin", DetailsUrl(id), Danger: false), cancellationToken);

    public Task<IActionResult> OnGetRemoveAdminAsync(string id, CancellationToken cancellationToken) => AskAsync(id, (user, _, _) => new(
        $"Remove the Admin role of {user.Email}?",
        [$"{user.Email} can no longer open the admin console; their account, apps and tokens stay as they are.",
         "Refused if it would leave the portal without an administrator who can sign in."],
        "Remove Admin role", DetailsUrl(id), Danger: false), cancellationToken);

    public Task<IActionResult> OnGetLockAsync(string id, CancellationToken cancellationToken) => AskAsync(id, (user, sessions, active) => new(
        $"Lock {user.Email}?",
        [$"Signs {user.Email} out of {Count(sessions, "session")} and revokes {Count(active, "active token")}: they and their apps lose access at once.",
         "They cannot sign in until an administrator unlocks the account; their registration tokens stop working."],
        "Lock the user", DetailsUrl(id)), cancellationToken);

    public Task<IActionResult> OnGetRevokeTokensAsync(string id, CancellationToken cancellationToken) => AskAsync(id, (user, _, active) => new(
        $"Revoke every token of {user.Email}?",
        [$"Revokes {Count(active, "active token")} of {user.Email}, with their pending authorization codes: every app loses access at once.",
         "Their sign-in sessions and remembered consents stay: an app may ask again."],
        "Revoke all tokens", DetailsUrl(id)), cancellationToken);

    public Task<IActionResult> OnGetEndSessionsAsync(string id, CancellationToken cancellationToken) => AskAsync(id, (user, sessions, _) => new(
        $"Sign {user.Email} out everywhere?",
        [$"Signs {user.Email} out of {Count(sessions, "session")}: each browser must sign in again; apps are told through back-channel logout.",
         "Tokens apps already hold keep working: revoke them separately."],
        "End the sessions", DetailsUrl(id)), cancellationToken);

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

    public async Task<IActionResult> OnPostEndSessionsAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(id, cancellationToken) is not { } account)
        {
            return NotFound();
        }

        var ended = await signOut.EndAllAsync(account, Actor, cancellationToken);
        TempData.SetStatus(StatusKind.Success, $"Ended {Count(ended, "session")} of {account.Email}.");
        return RedirectToPage(new { id });
    }

    /// <summary>"1 session", "3 sessions".</summary>
    public static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private async Task<IActionResult> AskAsync(string id, Func<UserListItem, int, int, Confirmation> question, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(id, cancellationToken) is not { } account)
        {
            return NotFound();
        }

        return Ask(question(account, await signOut.CountSessionsAsync(id, cancellationToken), account.ActiveTokens));
    }

    private string DetailsUrl(string id) => Url.Page("/Users/Details", new { id })!;

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
