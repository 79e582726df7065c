using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Clients;

/// <summary>
/// /Admin/Clients/Details/{id}: any client: who owns it (or no one), how it was registered, what it may do; disable or
/// enable it, rotate its secret. Disabling and rotating ask first (a GET of the handler), then the POST does it.
/// </summary>
public sealed class DetailsModel(ClientManager clients) : AdminPageModel
{
    public ClientDetails Client { get; private set; } = default!;

    /// <summary>The new secret, only in the response to the rotation that made it.</summary>
    public string? NewSecret { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await clients.FindAsync(null, id, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        Client = client;
        return Page();
    }

    public async Task<IActionResult> OnGetDisableAsync(string id, CancellationToken cancellationToken) =>
        await clients.FindAsync(null, id, cancellationToken) is { } client ? Ask(ClientQuestions.Disable(client, DetailsUrl(id))) : NotFound();

    public async Task<IActionResult> OnGetRotateSecretAsync(string id, CancellationToken cancellationToken) =>
        await clients.FindAsync(null, id, cancellationToken) is { Type: ClientType.Confidential, HasSecret: true } client
            ? Ask(ClientQuestions.RotateSecret(client, DetailsUrl(id)))
            : NotFound();

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken) => SetEnabledAsync(id, false, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken) => SetEnabledAsync(id, true, cancellationToken);

    public async Task<IActionResult> OnPostRotateSecretAsync(string id, CancellationToken cancellationToken)
    {
        if (await clients.RotateSecretAsync(null, id, Actor, cancellationToken) is not { } secret)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        NewSecret = secret;
        return await OnGetAsync(id, cancellationToken);
    }

    private async Task<IActionResult> SetEnabledAsync(string id, bool enabled, CancellationToken cancellationToken)
    {
        if (!await clients.SetEnabledAsync(null, id, enabled, Actor, cancellationToken))
        {
            return NotFound();
        }

        TempData.SetStatus(StatusKind.Success, enabled ? "The client is enabled again." : "The client is disabled: it gets no tokens and its tokens are refused.");
        return RedirectToPage(new { id });
    }

    private string DetailsUrl(string id) => Url.Page("/Clients/Details", new { id })!;
}
