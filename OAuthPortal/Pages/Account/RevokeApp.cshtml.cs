using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Components;
using OAuthPortal.Management.Apps;

namespace OAuthPortal.Pages.Account;

/// <summary>/Account/Apps/{clientId}/Revoke: confirm, then every token goes and the next authorization asks again.</summary>
public sealed class RevokeAppModel(AuthorizedApps apps) : PageModel
{
    public AuthorizedApp App { get; private set; } = default!;

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync(string clientId, CancellationToken cancellationToken)
    {
        if ((await apps.ListAsync(UserId, cancellationToken)).FirstOrDefault(a => a.ClientId == clientId) is not { } app)
        {
            return NotFound();
        }

        App = app;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string clientId, CancellationToken cancellationToken)
    {
        if (!await apps.RevokeAsync(UserId, clientId, User.Identity?.Name ?? UserId, cancellationToken))
        {
            return NotFound();
        }

        TempData.SetStatus(StatusKind.Success, "Access revoked: the app's tokens no longer work, and it must ask you again.");
        return RedirectToPage("/Account/Apps");
    }
}
