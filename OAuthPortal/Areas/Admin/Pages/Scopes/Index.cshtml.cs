using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.Management;
using OAuthPortal.Management.Scopes;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Scopes;

/// <summary>/Admin/Scopes: the scopes with what uses them (searched, paged); create one.</summary>
public sealed class IndexModel(ScopeCatalog catalog) : AdminPageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty]
    public ScopeInput Input { get; set; } = new();

    public PagedList<ScopeUsage> Result { get; private set; } = new([], 1, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Result = await catalog.SearchWithUsageAsync(Query, PageNumber, cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var outcome = await catalog.CreateAsync(Input.Name?.Trim() ?? "", Input.Description ?? "", Actor, Input.UserOnly, cancellationToken);
        if (!outcome.Succeeded)
        {
            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError($"Input.{error.Field}", error.Message);
            }

            Result = await catalog.SearchWithUsageAsync(Query, PageNumber, cancellationToken);
            return Page();
        }

        TempData.SetStatus(StatusKind.Success, $"Scope '{outcome.Value!.Name}' created.");
        return RedirectToPage(new { q = outcome.Value.Name });
    }
}
