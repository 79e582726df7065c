using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OAuthPortal.Components;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Developer.Pages.Clients;

/// <summary>
/// /Developer/Clients/{id}/Edit: name, description, image, redirect and post-logout redirect URIs, back-channel logout
/// URI and id_token algorithm (the type and client_id never change).
/// </summary>
public sealed class EditModel(ClientManager clients, IOptions<OAuthOptions> options) : DeveloperPageModel
{
    [BindProperty]
    public ClientInput Input { get; set; } = new();

    public string Id { get; private set; } = "";

    public ClientFieldsModel Fields => new(Input, ModelState, !options.Value.RequireHttps);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await clients.FindAsync(OwnerId, id, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        Id = id;
        Input = ClientInput.Of(client);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        Id = id;
        var outcome = await clients.UpdateAsync(OwnerId, id, Input.ToEdit(), Actor, cancellationToken);
        if (outcome is null)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors);
            return Page();
        }

        TempData.SetStatus(StatusKind.Success, "Client saved.");
        return RedirectToPage("Details", new { id });
    }
}
