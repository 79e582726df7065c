using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Management.Clients;

namespace OAuthPortal.Areas.Admin.Pages.Clients;

/// <summary>/Admin/Clients/Details/{id}: any client, read-only: who owns it (or no one), how it was registered, what it may do.</summary>
public sealed class DetailsModel(ClientManager clients) : AdminPageModel
{
    public ClientDetails Client { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await clients.FindAsync(null, id, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        Client = client;
        return Page();
    }
}
