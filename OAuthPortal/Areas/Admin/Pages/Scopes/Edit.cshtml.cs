using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.Management.Scopes;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Scopes;

/// <summary>/Admin/Scopes/Edit/{id}: the description (the name is what clients request and never changes).</summary>
public sealed class EditModel(ScopeCatalog catalog) : AdminPageModel
{
    [BindProperty]
    public string? Description { get; set; }

    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(id, cancellationToken) is not { } scope)
        {
            return NotFound();
        }

        (Name, Description) = (scope.Name, scope.Description);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var outcome = await catalog.UpdateDescriptionAsync(id, Description ?? "", Actor, cancellationToken);
        if (outcome is null)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            ModelState.AddModelError(nameof(Description), outcome.Errors[0].Message);
            Name = (await catalog.FindAsync(id, cancellationToken))?.Name ?? "";
            return Page();
        }

        TempData.SetStatus(StatusKind.Success, $"Scope '{outcome.Value!.Name}' saved.");
        return RedirectToPage("Index");
    }
}
