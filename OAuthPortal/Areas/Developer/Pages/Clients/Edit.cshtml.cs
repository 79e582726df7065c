using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Management;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Developer.Pages.Clients;

/// <summary>
/// /Developer/Clients/{id}/Edit: name, description, image, grant types, machine scopes, redirect and post-logout redirect
/// URIs, back-channel logout URI, id_token algorithm, token endpoint authentication and keys, PAR, DPoP and the FAPI 2.0
/// profile (the type and client_id never change). Switching to private_key_jwt deletes the secret (confirmed on the form);
/// switching back makes a new one, shown once on the secret page.
/// </summary>
public sealed class EditModel(ClientManager clients, RequireMachineScopes machineScopes, OneTimeSecrets secrets, IOptions<OAuthOptions> options)
    : DeveloperPageModel
{
    [BindProperty]
    public ClientInput Input { get; set; } = new();

    public string Id { get; private set; } = "";

    /// <summary>The client's type, which decides whether client_credentials can be ticked.</summary>
    public ClientType Type { get; private set; }

    public IReadOnlyList<Scope> MachineScopeChoices { get; private set; } = [];

    /// <summary>The client's method and whether it has a secret, as saved (the form warns before a switch deletes it).</summary>
    public (string Method, bool HasSecret) Saved { get; private set; }

    public ClientFieldsModel Fields => new(Input, ModelState, !options.Value.RequireHttps)
    {
        MachineScopeChoices = MachineScopeChoices, Type = Type, CurrentMethod = Saved.Method, HasSecret = Saved.HasSecret,
    };

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
        if (await clients.FindAsync(OwnerId, id, cancellationToken) is not { } current)
        {
            return NotFound();
        }

        FieldError[] unconfirmed = [.. new[] { Input.NoGrantTypeTicked, Input.SecretDeletionUnconfirmed(current.HasSecret) }.OfType<FieldError>()];
        if (unconfirmed.Length > 0)
        {
            ModelState.AddFieldErrors(unconfirmed);
            return await PageAsync(current, cancellationToken);
        }

        var outcome = await clients.UpdateAsync(OwnerId, id, Input.ToEdit(current.Type), Actor, cancellationToken);
        if (outcome is null)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors);
            return await clients.FindAsync(OwnerId, id, cancellationToken) is { } client ? await PageAsync(client, cancellationToken) : NotFound();
        }

        var saved = outcome.Value!;
        if (saved.NewSecret is { } secret)
        {
            TempData[SecretKey(id)] = await secrets.StoreAsync(OwnerId, id, secret, cancellationToken);
            TempData.SetStatus(StatusKind.Success, "Client saved: it authenticates with a secret again, and a new one was created. Copy it now.");
            return RedirectToPage("Secret", new { id });
        }

        TempData.SetStatus(StatusKind.Success, saved.SecretDeleted
            ? "Client saved: its secret was deleted; it now authenticates only with client assertions signed by its keys (private_key_jwt)."
            : "Client saved.");
        return RedirectToPage("Details", new { id });
    }

    private async Task<IActionResult> PageAsync(ClientDetails client, CancellationToken cancellationToken)
    {
        (Id, Type, Saved) = (client.ClientId, client.Type, (client.TokenEndpointAuthMethod, client.HasSecret));
        MachineScopeChoices = await machineScopes.EligibleAsync(cancellationToken);
        return Page();
    }
}
