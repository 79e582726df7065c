using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>The user's sign-in sessions (device, address, last seen), each of which can be ended, or all the others at once.</summary>
[Authorize]
public sealed class SessionsModel(UserSessions sessions, SignInManager<PortalUser> signIn) : PageModel
{
    public IReadOnlyList<UserSession> Sessions { get; private set; } = [];

    public string? CurrentSessionId => User.FindFirstValue(UserSessions.ClaimType);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Sessions = await sessions.ListAsync(UserId, cancellationToken);

    public async Task<IActionResult> OnPostEndAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || !await sessions.EndAsync(UserId, id, cancellationToken))
        {
            TempData.SetStatus(StatusKind.Warning, "That session had already ended.");
            return RedirectToPage();
        }

        if (id == CurrentSessionId)
        {
            await signIn.SignOutAsync();
            return Redirect("~/");
        }

        TempData.SetStatus(StatusKind.Success, "The session was ended: that browser is signed out.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndOthersAsync(CancellationToken cancellationToken)
    {
        var ended = await sessions.EndAllAsync(UserId, except: CurrentSessionId, cancellationToken);
        TempData.SetStatus(StatusKind.Success, ended == 0 ? "There were no other sessions." : $"Signed out everywhere else: {ended} session(s) ended.");
        return RedirectToPage();
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
