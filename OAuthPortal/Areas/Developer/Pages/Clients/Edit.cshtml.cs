using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Developer.Pages.Clients;

/// <summary>
/// /Developer/Clients/{id}/Edit: name, description, image, grant types, machine scopes, redirect and post-logout redirect
/// URIs, back-channel logout URI and id_token algorithm (the type and client_id never change).
/// </summary>
public sealed class EditModel(ClientManager clients, RequireMachineScopes machineScopes, IOptions<OAuthOptions> options) : DeveloperPageModel
{
    [BindProperty]
    public ClientInput Input { get; set; } = new();

    public string Id { get; private set; } = "";

    /// <summary>The client's type, which decides whether client_credentials can be ticked.</summary>
    public ClientType Type { get; private set; }

    public IReadOnlyList<Scope> MachineScopeChoices { get; private set; } = [];

    public ClientFieldsModel Fields => new(Input, ModelState, !options.Value.RequireHttps) { MachineScopeChoices = MachineScopeChoices, Type = Type };

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await clients.FindAsync(OwnerId, id, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        Input = ClientInput.Of(client);
        return await PageAsync(client, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (Input.NoGrantTypeTicked is { } noGrantType)
        {
            ModelState.AddFieldErrors([noGrantType]);
            return await clients.FindAsync(OwnerId, id, cancellationToken) is { } unchanged ? await PageAsync(unchanged, cancellationToken) : NotFound();
        }

        var outcome = await clients.UpdateAsync(OwnerId, id, Input.ToEdit(), Actor, cancellationToken);
        if (outcome is null)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors);
            return await clients.FindAsync(OwnerId, id, cancellationToken) is { } client ? await PageAsync(client, cancellationToken) : NotFound();
        }

        TempData.SetStatus(StatusKind.Success, "Client saved.");
        return RedirectToPage("Details", new { id });
    }

    private async Task<IActionResult> PageAsync(ClientDetails client, CancellationToken cancellationToken)
    {
        (Id, Type) = (client.ClientId, client.Type);
        MachineScopeChoices = await machineScopes.EligibleAsync(cancellationToken);
        return Page();
    }
}
