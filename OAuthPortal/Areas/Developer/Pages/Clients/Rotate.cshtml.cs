using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Management;
using OAuthPortal.Management.Clients;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Developer.Pages.Clients;

/// <summary>/Developer/Clients/{id}/Rotate: confirm, then a new secret (shown once) replaces the old one at once.</summary>
public sealed class RotateModel(ClientManager clients, OneTimeSecrets secrets) : DeveloperPageModel
{
    public ClientDetails Client { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await clients.FindAsync(OwnerId, id, cancellationToken) is not { Type: ClientType.Confidential, HasSecret: true } client)
        {
            return NotFound();
        }

        Client = client;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await clients.RotateSecretAsync(OwnerId, id, Actor, cancellationToken) is not { } secret)
        {
            return NotFound();
        }

        TempData[SecretKey(id)] = await secrets.StoreAsync(OwnerId, id, secret, cancellationToken);
        TempData.SetStatus(StatusKind.Success, "Secret rotated: the old secret no longer works.");
        return RedirectToPage("Secret", new { id });
    }
}
