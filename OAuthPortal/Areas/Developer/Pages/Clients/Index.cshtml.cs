using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;

namespace OAuthPortal.Areas.Developer.Pages.Clients;

/// <summary>/Developer/Clients: the signed-in user's clients, searchable (?q= name, description, client_id or redirect URI).</summary>
public sealed class IndexModel(ClientCatalog catalog) : DeveloperPageModel
{
    public const int MaxQueryLength = 200;

    public IReadOnlyList<ClientListItem> Clients { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>Whether the user has any client at all (an empty search result is not the empty state).</summary>
    public bool HasClients { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Query = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim()[..Math.Min(Query.Trim().Length, MaxQueryLength)];
        Clients = await catalog.ListOwnedAsync(OwnerId, Query, cancellationToken);
        HasClients = Clients.Count > 0 || (Query is not null && (await catalog.ListOwnedAsync(OwnerId, null, cancellationToken)).Count > 0);
    }

    public static IReadOnlyList<KeyValuePair<string, string>> FactsOf(ClientListItem client) =>
    [
        new("Type", TypeLabel(client.Type) + (client.Enabled ? "" : " (disabled)")),
        new("client_id", client.ClientId),
        new("Redirect URIs", client.RedirectUris.Count.ToString(CultureInfo.InvariantCulture)),
        new("Active tokens", client.ActiveTokens.ToString(CultureInfo.InvariantCulture)),
        new("Created", client.CreatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
    ];

    public static string TypeLabel(ClientType type) => type == ClientType.Public ? "Public (SPA or native app)" : "Confidential (server-side app)";
}
