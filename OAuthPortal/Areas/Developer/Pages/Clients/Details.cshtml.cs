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
public sealed class DetailsModel(ClientManager clients, ClientRedirectUris redirectUris, ScopeCatalog scopes, OAuthIssuer issuer, IOptions<OAuthOptions> options, IHostEnvironment environment)
    : DeveloperPageModel
{
    public ClientDetails Client { get; private set; } = default!;

    /// <summary>The portal's test callback URI (see <see cref="TestCallback"/>).</summary>
    public string TestCallbackUri { get; private set; } = "";

    /// <summary>Whether to offer the one-click button that registers the test callback (Development and Testing, code-flow clients without it).</summary>
    public bool OffersTestCallback => TestCallback.OneClick(environment) && Client.GrantTypes.Contains(OAuthParameterNames.GrantAuthorizationCode)
        && !Client.RedirectUris.Contains(TestCallbackUri);

    public IReadOnlyList<QuickstartItem> QuickstartItems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await clients.FindAsync(OwnerId, id, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        Client = client;
        var issuerUri = issuer.Resolve($"{Request.Scheme}://{Request.Host}");
        TestCallbackUri = TestCallback.UriFor(issuerUri);
        var names = (await scopes.ListAsync(cancellationToken)).Select(s => s.Name).ToList();
        var scope = names.Contains(PortalApi.ProfileScope) ? PortalApi.ProfileScope : names.FirstOrDefault() ?? "SCOPE";
        QuickstartItems = Quickstart.Build(issuerUri, client, scope, options.Value.DevicePollingInterval,
            DeveloperSessionPkce.For(HttpContext, client.ClientId), TestCallbackUri);
        return Page();
    }

    /// <summary>The one-click button: adds the test callback to the client's redirect URIs (Development and Testing only).</summary>
    public async Task<IActionResult> OnPostUseTestCallbackAsync(string id, CancellationToken cancellationToken)
    {
        if (!TestCallback.OneClick(environment))
        {
            return NotFound();
        }

        var uri = TestCallback.UriFor(issuer.Resolve($"{Request.Scheme}://{Request.Host}"));
        var outcome = await redirectUris.AddAsync(OwnerId, id, uri, Actor, cancellationToken);
        if (outcome is null)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            TempData.SetStatus(StatusKind.Error, "The test callback was not added: " + string.Join(" ", outcome.Errors.Select(e => e.Message)));
            return RedirectToPage("Details", new { id });
        }

        TempData.SetStatus(StatusKind.Success, "The test callback is a redirect URI of this client: the quickstart's authorization URL now leads to it.");
        return RedirectToPage("Details", new { id });
    }

    /// <summary>Asks before disabling: what stops, and how many active tokens are refused meanwhile.</summary>
    public async Task<IActionResult> OnGetDisableAsync(string id, CancellationToken cancellationToken) =>
        await clients.FindAsync(OwnerId, id, cancellationToken) is not { } client ? NotFound() : Ask(new Confirmation(
            $"Disable {client.Name}?",
            [$"{client.Name} can no longer authorize users nor get, refresh, revoke or introspect tokens.",
             $"Its {client.ActiveTokens} active token{(client.ActiveTokens == 1 ? " is" : "s are")} refused by protected APIs while it is disabled (not revoked: enabling it again restores them)."],
            "Disable the client", Url.Page("Details", new { id })!));

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
