using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Management;
using OAuthPortal.Management.Clients;

namespace OAuthPortal.Areas.Developer.Pages.Clients;

/// <summary>
/// The one view of a new secret, handed over from the creating or rotating POST through <see cref="OneTimeSecrets"/>.
/// Never cached, so neither a reload nor the back button shows it again.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SecretModel(ClientManager clients, OneTimeSecrets secrets) : DeveloperPageModel
{
    public ClientDetails Client { get; private set; } = default!;

    public string? Secret { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        // A private_key_jwt client has no secret to show or rotate.
        if (await clients.FindAsync(OwnerId, id, cancellationToken) is not { Type: Data.ClientType.Confidential, HasSecret: true } client)
        {
            return NotFound();
        }

        Client = client;
        Secret = await secrets.TakeAsync(OwnerId, id, TempData[SecretKey(id)] as string, cancellationToken);
        return Page();
    }
}
