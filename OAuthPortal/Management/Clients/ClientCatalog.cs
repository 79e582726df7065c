using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Management.Clients;

/// <summary>Reads clients for lists (CLI, admin and developer pages).</summary>
public sealed class ClientCatalog(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Every client, oldest first, optionally only those of one owner.</summary>
    public Task<IReadOnlyList<ClientListItem>> ListAsync(string? ownerId = null, CancellationToken cancellationToken = default) =>
        ProjectAsync(ownerId is null ? db.Clients : db.Clients.Where(c => c.OwnerId == ownerId), cancellationToken);

    /// <summary>
    /// The clients of one owner whose name or description contains <paramref name="query"/> (case-insensitive), or whose
    /// client_id or a redirect URI is it exactly; all of them when the query is blank. Oldest first.
    /// </summary>
    public Task<IReadOnlyList<ClientListItem>> ListOwnedAsync(string ownerId, string? query, CancellationToken cancellationToken = default)
    {
        var clients = db.Clients.Where(c => c.OwnerId == ownerId);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var exact = query.Trim();
            var text = exact.ToUpperInvariant();
            clients = clients.Where(c => c.Id == exact || c.Name.ToUpper().Contains(text) || c.Description.ToUpper().Contains(text)
                || c.RedirectUris.Any(r => r.Uri == exact));
        }

        return ProjectAsync(clients, cancellationToken);
    }

    /// <summary>
    /// One page of all clients whose name, client_id or owner e-mail contains <paramref name="query"/> (admin), and, when
    /// <paramref name="profile"/> is given, registered with that security profile.
    /// </summary>
    public async Task<PagedList<ClientListItem>> SearchAsync(string? query, int page, ClientProfile? profile = null, CancellationToken cancellationToken = default)
    {
        page = PagedList.Clamp(page);
        var clients = db.Clients.AsQueryable();
        if (profile is { } wanted)
        {
            clients = clients.Where(c => c.Profile == wanted);
        }

        if (!string.IsNullOrWhiteSpace(query))
        {
            var text = query.Trim().ToUpperInvariant();
            clients = clients.Where(c => c.Id == query.Trim() || c.Name.ToUpper().Contains(text) || c.Owner!.NormalizedEmail!.Contains(text));
        }

        var total = await clients.CountAsync(cancellationToken);
        var items = await ProjectAsync(clients.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Page(page), cancellationToken);
        return new PagedList<ClientListItem>(items, page, total);
    }

    private async Task<IReadOnlyList<ClientListItem>> ProjectAsync(IQueryable<Client> clients, CancellationToken cancellationToken)
    {
        var active = TokenQueries.ActiveAt(clock.GetUtcNow().UtcDateTime);
        var rows = await clients.AsNoTracking().OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Id, c.Name, c.Description, c.ImageUrl, c.Type, c.Enabled, c.Owner!.Email, c.CreatedAt,
                RedirectUris = c.RedirectUris.OrderBy(r => r.Id).Select(r => r.Uri).ToList(),
                PostLogoutRedirectUris = c.PostLogoutRedirectUris.OrderBy(r => r.Id).Select(r => r.Uri).ToList(),
                c.BackchannelLogoutUri, c.IdTokenSignedResponseAlg, c.AllowedGrantTypes,
                MachineScopes = c.MachineScopes.OrderBy(s => s.Name).Select(s => s.Name).ToList(),
                ActiveTokens = db.AccessTokens.Where(t => t.ClientId == c.Id).Count(active),
                c.TokenEndpointAuthMethod, c.JwksUri, HasJwks = c.Jwks != null, c.RequirePushedAuthorizationRequests, c.DpopBoundAccessTokens, c.Profile,
                c.RegisteredByProgram,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(c => new ClientListItem(
            c.Id, c.Name, c.Description, c.ImageUrl, c.Type, c.Enabled, c.Email, c.RedirectUris, c.PostLogoutRedirectUris, c.BackchannelLogoutUri,
            c.IdTokenSignedResponseAlg, c.CreatedAt, c.ActiveTokens, RequireAllowedGrantType.Of(c.AllowedGrantTypes), c.MachineScopes)
        {
            TokenEndpointAuthMethod = c.TokenEndpointAuthMethod, JwksUri = c.JwksUri, HasJwks = c.HasJwks,
            RequirePushedAuthorizationRequests = c.RequirePushedAuthorizationRequests, DpopBoundAccessTokens = c.DpopBoundAccessTokens, Profile = c.Profile,
            RegisteredByProgram = c.RegisteredByProgram,
        }).ToList();
    }
}
