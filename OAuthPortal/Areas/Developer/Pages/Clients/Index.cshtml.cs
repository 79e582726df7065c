using System.Globalization;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;

namespace OAuthPortal.Areas.Developer.Pages.Clients;

/// <summary>/Developer/Clients: the signed-in user's clients.</summary>
public sealed class IndexModel(ClientCatalog catalog) : DeveloperPageModel
{
    public IReadOnlyList<ClientListItem> Clients { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Clients = await catalog.ListAsync(OwnerId, cancellationToken);

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
