using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth;

/// <summary>
/// Reads the scopes linked to one code, token or grant straight from its link table, by the link table's primary key.
/// (Including the skip navigation instead makes SQLite build the whole link-table join before filtering it: a scan
/// proportional to everything ever issued.)
/// </summary>
public sealed class ScopeLinks(PortalDbContext db)
{
    public Task<List<Scope>> OfCodeAsync(long codeId, CancellationToken cancellationToken) =>
        LoadAsync(Links("AuthorizationCodeScopes").Where(link => EF.Property<long>(link, "AuthorizationCodeId") == codeId), cancellationToken);

    public Task<List<Scope>> OfTokenAsync(long tokenId, CancellationToken cancellationToken) =>
        LoadAsync(Links("AccessTokenScopes").Where(link => EF.Property<long>(link, "AccessTokenId") == tokenId), cancellationToken);

    public Task<List<Scope>> OfGrantAsync(int grantId, CancellationToken cancellationToken) =>
        LoadAsync(Links("ConsentGrantScopes").Where(link => EF.Property<int>(link, "ConsentGrantId") == grantId), cancellationToken);

    private IQueryable<Dictionary<string, object>> Links(string linkTable) => db.Set<Dictionary<string, object>>(linkTable);

    private Task<List<Scope>> LoadAsync(IQueryable<Dictionary<string, object>> links, CancellationToken cancellationToken) =>
        links.Join(db.Scopes, link => EF.Property<int>(link, "ScopesId"), scope => scope.Id, (_, scope) => scope)
            .OrderBy(scope => scope.Id)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
}
