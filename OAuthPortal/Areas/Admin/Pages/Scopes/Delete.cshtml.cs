using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.Management.Scopes;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Scopes;

/// <summary>/Admin/Scopes/Delete/{id}: refused while the scope is used, unless the admin confirms revoking those uses.</summary>
public sealed class DeleteModel(ScopeCatalog catalog) : AdminPageModel
{
    public ScopeUsage Scope { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(id, cancellationToken) is not { } scope)
        {
            return NotFound();
        }

        Scope = scope;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, bool revokeUses, CancellationToken cancellationToken)
    {
        switch (await catalog.DeleteAsync(id, revokeUses, Actor, cancellationToken))
        {
            case ScopeDeletion.NotFound:
                return NotFound();
            case ScopeDeletion.BuiltIn:
                TempData.SetStatus(StatusKind.Error, "OpenID Connect defines this scope: it cannot be deleted (its description can be changed).");
                return RedirectToPage("Index");
            case ScopeDeletion.InUse:
                TempData.SetStatus(StatusKind.Error, "The scope is in use and was not deleted: confirm that its tokens and codes may be revoked.");
                return RedirectToPage("Delete", new { id });
            default:
                TempData.SetStatus(StatusKind.Success, "Scope deleted.");
                return RedirectToPage("Index");
        }
    }
}
