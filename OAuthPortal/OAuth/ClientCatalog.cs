using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth;

/// <summary>Reads clients for lists (CLI, admin and developer pages).</summary>
public sealed class ClientCatalog(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Every client, oldest first, optionally only those of one owner.</summary>
    public async Task<IReadOnlyList<ClientListItem>> ListAsync(string? ownerId = null, CancellationToken cancellationToken = default)
    {
        var clients = db.Clients.AsNoTracking();
        if (ownerId is not null)
        {
            clients = clients.Where(c => c.OwnerId == ownerId);
        }

        var active = TokenQueries.ActiveAt(clock.GetUtcNow().UtcDateTime);
        var rows = await clients.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Id, c.Name, c.Description, c.ImageUrl, c.Type, c.Enabled, c.Owner!.Email, c.CreatedAt,
                RedirectUris = c.RedirectUris.OrderBy(r => r.Id).Select(r => r.Uri).ToList(),
                ActiveTokens = db.AccessTokens.Where(t => t.ClientId == c.Id).Count(active),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(c => new ClientListItem(
            c.Id, c.Name, c.Description, c.ImageUrl, c.Type, c.Enabled, c.Email, c.RedirectUris, c.CreatedAt, c.ActiveTokens)).ToList();
    }
}
