using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.Management.Clients;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Clients;

/// <summary>/Admin/Clients/Delete/{id}: confirm, then the client and everything it holds are gone.</summary>
public sealed class DeleteModel(ClientManager clients) : AdminPageModel
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

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await clients.DeleteAsync(null, id, Actor, cancellationToken))
        {
            return NotFound();
        }

        TempData.SetStatus(StatusKind.Success, $"Client {id} deleted, with its codes and tokens.");
        return RedirectToPage("Index");
    }
}
