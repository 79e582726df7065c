using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OAuthPortal.Api;
using OAuthPortal.Components;
using OAuthPortal.Management.Clients;
using OAuthPortal.Management.Scopes;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Developer.Pages.Clients;

/// <summary>/Developer/Clients/{id}: one client, its grant types and machine scopes, its usage, its quickstart; disable and enable.</summary>
public sealed class DetailsModel(ClientManager clients, ScopeCatalog scopes, OAuthIssuer issuer, IOptions<OAuthOptions> options) : DeveloperPageModel
{
    public ClientDetails Client { get; private set; } = default!;

    public IReadOnlyList<QuickstartItem> QuickstartItems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await clients.FindAsync(OwnerId, id, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        Client = client;
        var names = (await scopes.ListAsync(cancellationToken)).Select(s => s.Name).ToList();
        var scope = names.Contains(PortalApi.ProfileScope) ? PortalApi.ProfileScope : names.FirstOrDefault() ?? "SCOPE";
        QuickstartItems = Quickstart.Build(issuer.Resolve($"{Request.Scheme}://{Request.Host}"), client, scope, options.Value.DevicePollingInterval);
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken) => SetEnabledAsync(id, false, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken) => SetEnabledAsync(id, true, cancellationToken);

    private async Task<IActionResult> SetEnabledAsync(string id, bool enabled, CancellationToken cancellationToken)
    {
        if (!await clients.SetEnabledAsync(OwnerId, id, enabled, Actor, cancellationToken))
        {
            return NotFound();
        }

        TempData.SetStatus(StatusKind.Success, enabled
            ? "Client enabled: it can authorize and get tokens again."
            : "Client disabled: it can no longer authorize or get tokens, and its access tokens are refused.");
        return RedirectToPage("Details", new { id });
    }
}
