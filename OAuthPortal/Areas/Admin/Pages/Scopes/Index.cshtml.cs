using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.OAuth;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Scopes;

/// <summary>/Admin/Scopes: every scope with what uses it; create one.</summary>
public sealed class IndexModel(ScopeCatalog catalog) : AdminPageModel
{
    [BindProperty]
    public ScopeInput Input { get; set; } = new();

    public IReadOnlyList<ScopeUsage> Scopes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Scopes = await catalog.ListWithUsageAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var outcome = await catalog.CreateAsync(Input.Name?.Trim() ?? "", Input.Description ?? "", Actor, cancellationToken);
        if (!outcome.Succeeded)
        {
            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError($"Input.{error.Field}", error.Message);
            }

            Scopes = await catalog.ListWithUsageAsync(cancellationToken);
            return Page();
        }

        TempData.SetStatus(StatusKind.Success, $"Scope '{outcome.Value!.Name}' created.");
        return RedirectToPage();
    }
}
