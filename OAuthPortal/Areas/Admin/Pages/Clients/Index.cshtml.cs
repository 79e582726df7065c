using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.Management;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Clients;

/// <summary>/Admin/Clients: every client with its owner; disable (asked first: a GET of the handler), enable, delete.</summary>
public sealed class IndexModel(ClientCatalog catalog, ClientManager clients) : AdminPageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    /// <summary>The profile filter: <c>fapi2</c>, <c>none</c>, or empty (or anything else) for all clients.</summary>
    [BindProperty(SupportsGet = true, Name = "profile")] public string? Profile { get; set; }

    /// <summary>What an ownerless client (registered through open registration, RFC 7591 §3) shows as its owner.</summary>
    public const string NoOwner = "no owner (open registration)";

    public PagedList<ClientListItem> Result { get; private set; } = new([], 1, 0);

    /// <summary>The route values of a row's action: the client, and the current search to come back to.</summary>
    public Dictionary<string, string> RouteFor(string clientId) =>
        new()
        {
            ["id"] = clientId, ["q"] = Query ?? "", ["profile"] = Profile ?? "", ["p"] = PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Result = await catalog.SearchAsync(Query, PageNumber, ClientProfileNames.Parse(Profile), cancellationToken);

    public async Task<IActionResult> OnGetDisableAsync(string id, CancellationToken cancellationToken) =>
        await clients.FindAsync(null, id, cancellationToken) is { } client ? Ask(ClientQuestions.Disable(client, ListUrl("id"))) : NotFound();

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken) => SetEnabledAsync(id, false, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken) => SetEnabledAsync(id, true, cancellationToken);

    private async Task<IActionResult> SetEnabledAsync(string id, bool enabled, CancellationToken cancellationToken)
    {
        if (!await clients.SetEnabledAsync(null, id, enabled, Actor, cancellationToken))
        {
            return NotFound();
        }

        TempData.SetStatus(StatusKind.Success, enabled ? $"Client {id} enabled." : $"Client {id} disabled: it can no longer authorize or get tokens.");
        return RedirectToPage(new { q = Query, profile = Profile, p = PageNumber });
    }
}
