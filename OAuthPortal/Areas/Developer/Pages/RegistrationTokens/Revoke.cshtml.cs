using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.Management.Registration;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Developer.Pages.RegistrationTokens;

/// <summary>/Developer/RegistrationTokens/{id}/Revoke: confirm, then the token registers no more clients (those it registered stay).</summary>
public sealed class RevokeModel(RegistrationTokenCatalog catalog) : DeveloperPageModel
{
    public RegistrationTokenListItem Token { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(OwnerId, id, cancellationToken) is not { Status: RegistrationTokenStatus.Active } token)
        {
            return NotFound();
        }

        Token = token;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(OwnerId, id, cancellationToken) is not { } token || !await catalog.RevokeAsync(OwnerId, id, Actor, cancellationToken))
        {
            return NotFound();
        }

        TempData.SetStatus(StatusKind.Success, $"Initial access token '{token.Name}' revoked: it registers no more clients.");
        return RedirectToPage("Index");
    }
}
