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

/// <summary>/Developer/Clients/Create: register a client; a confidential client's secret is then shown once.</summary>
public sealed class CreateModel(ClientRegistrar registrar, RequireMachineScopes machineScopes, OneTimeSecrets secrets, IOptions<OAuthOptions> options)
    : DeveloperPageModel
{
    [BindProperty]
    public ClientInput Input { get; set; } = new();

    [BindProperty]
    public ClientType Type { get; set; } = ClientType.Confidential;

    public IReadOnlyList<Scope> MachineScopeChoices { get; private set; } = [];

    public ClientFieldsModel Fields => new(Input, ModelState, !options.Value.RequireHttps)
    {
        MachineScopeChoices = MachineScopeChoices, Type = Type, ChoosesType = true,
    };

    public async Task OnGetAsync(CancellationToken cancellationToken) => MachineScopeChoices = await machineScopes.EligibleAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.NoGrantTypeTicked is { } noGrantType)
        {
            ModelState.AddFieldErrors([noGrantType]);
        }

        if (!ModelState.IsValid)
        {
            // e.g. a type that is neither confidential nor public, or no grant type ticked: show it, register nothing.
            return await PageAsync(cancellationToken);
        }

        var outcome = await registrar.RegisterAsync(Input.ToRegistration(OwnerId, Type), Actor, cancellationToken: cancellationToken);
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors);
            return await PageAsync(cancellationToken);
        }

        var client = outcome.Value!;
        TempData.SetStatus(StatusKind.Success, $"Client '{Input.Name!.Trim()}' registered.");
        if (client.ClientSecret is null)
        {
            return RedirectToPage("Details", new { id = client.ClientId });
        }

        TempData[SecretKey(client.ClientId)] = await secrets.StoreAsync(OwnerId, client.ClientId, client.ClientSecret, cancellationToken);
        return RedirectToPage("Secret", new { id = client.ClientId });
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        return Page();
    }
}
