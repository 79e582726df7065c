using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Management.Apps;

namespace OAuthPortal.Pages.Account;

/// <summary>/Account/Apps: the apps the signed-in user has authorized.</summary>
public sealed class AppsModel(AuthorizedApps apps) : PageModel
{
    public IReadOnlyList<AuthorizedApp> Apps { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Apps = await apps.ListAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
}
