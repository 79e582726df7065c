using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.Management.Scopes;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Scopes;

/// <summary>
/// /Admin/Scopes/Edit/{id}: the description and whether the scope is user-only (the name is what clients request and
/// never changes; the OpenID Connect scopes stay user-only).
/// </summary>
public sealed class EditModel(ScopeCatalog catalog) : AdminPageModel
{
    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public bool UserOnly { get; set; }

    public string Name { get; private set; } = "";

    /// <summary>A scope OpenID Connect defines: its user-only box is shown ticked and cannot be changed.</summary>
    public bool BuiltIn => BuiltInScopes.Contains(Name);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(id, cancellationToken) is not { } scope)
        {
            return NotFound();
        }

        (Name, Description, UserOnly) = (scope.Name, scope.Description, scope.UserOnly);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var outcome = await catalog.UpdateAsync(id, Description ?? "", UserOnly, Actor, cancellationToken);
        if (outcome is null)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError(error.Field, error.Message);
            }

            Name = (await catalog.FindAsync(id, cancellationToken))?.Name ?? "";
            return Page();
        }

        var saved = outcome.Value!;
        TempData.SetStatus(StatusKind.Success, saved.BecameUserOnly
            ? $"Scope '{saved.Name}' saved. It is now user-only: removed from the machine scopes of {saved.MachineClients} client(s), " +
              $"and {saved.RevokedTokens} token(s) without a user that carried it were revoked."
            : $"Scope '{saved.Name}' saved.");
        return RedirectToPage("Index");
    }
}
