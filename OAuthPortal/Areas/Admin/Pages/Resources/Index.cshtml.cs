using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Management.Resources;
using OAuthPortal.Management.Scopes;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Resources;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Resources;

/// <summary>/Admin/Resources: the registered protected resources (RFC 8707); register one.</summary>
public sealed class IndexModel(ResourceCatalog catalog, ScopeCatalog scopes, OAuthIssuer issuer, IEnumerable<ProtectedResourcePath> ownResources) : AdminPageModel
{
    [BindProperty]
    public ResourceInput Input { get; set; } = new();

    public IReadOnlyList<ResourceListItem> Resources { get; private set; } = [];

    public IReadOnlyList<Scope> Scopes { get; private set; } = [];

    /// <summary>The resource identifiers of the portal's own APIs (the sample API), always known.</summary>
    public IEnumerable<string> OwnResources => ownResources.Select(r => issuer.Resolve($"{Request.Scheme}://{Request.Host}") + r.Prefix);

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var outcome = await catalog.CreateAsync(Input.Uri?.Trim() ?? "", Input.Name ?? "", Input.ScopeIds, Actor, cancellationToken);
        if (!outcome.Succeeded)
        {
            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError($"Input.{error.Field}", error.Message);
            }

            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData.SetStatus(StatusKind.Success, $"Resource '{outcome.Value!.Uri}' registered.");
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Resources = await catalog.ListAsync(cancellationToken);
        Scopes = await scopes.ListAsync(cancellationToken);
    }
}
