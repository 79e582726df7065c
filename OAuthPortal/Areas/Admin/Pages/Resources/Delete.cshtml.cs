using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.Management.Resources;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Resources;

/// <summary>/Admin/Resources/Delete/{id}: confirm, then delete (issued tokens keep their audience).</summary>
public sealed class DeleteModel(ResourceCatalog catalog) : AdminPageModel
{
    public ResourceListItem Resource { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(id, cancellationToken) is not { } resource)
        {
            return NotFound();
        }

        Resource = resource;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await catalog.DeleteAsync(id, Actor, cancellationToken))
        {
            return NotFound();
        }

        TempData.SetStatus(StatusKind.Success, "Resource deleted. Requests naming it now fail with invalid_target; issued tokens keep their audience.");
        return RedirectToPage("Index");
    }
}
