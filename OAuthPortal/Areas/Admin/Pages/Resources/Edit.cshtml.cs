using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Management.Resources;
using OAuthPortal.Management.Scopes;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Resources;

/// <summary>/Admin/Resources/Edit/{id}: the name and the scopes it accepts (the URI is what clients name and never changes).</summary>
public sealed class EditModel(ResourceCatalog catalog, ScopeCatalog scopes) : AdminPageModel
{
    [BindProperty]
    public ResourceInput Input { get; set; } = new();

    public long Id { get; private set; }

    public string Uri { get; private set; } = "";

    public IReadOnlyList<Scope> Scopes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(id, cancellationToken) is not { } resource)
        {
            return NotFound();
        }

        Scopes = await scopes.ListAsync(cancellationToken);
        (Id, Uri, Input.Name) = (resource.Id, resource.Uri, resource.Name);
        Input.ScopeIds = Scopes.Where(s => resource.Scopes.Contains(s.Name)).Select(s => s.Id).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        var outcome = await catalog.UpdateAsync(id, Input.Name ?? "", Input.ScopeIds, Actor, cancellationToken);
        if (outcome is null)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError($"Input.{error.Field}", error.Message);
            }

            (Id, Uri) = (id, (await catalog.FindAsync(id, cancellationToken))?.Uri ?? "");
            Scopes = await scopes.ListAsync(cancellationToken);
            return Page();
        }

        TempData.SetStatus(StatusKind.Success, $"Resource '{outcome.Value!.Uri}' saved.");
        return RedirectToPage("Index");
    }
}
