using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Scopes;

/// <summary>
/// Reads the scopes linked to one code, token, device code, remembered consent or client (its machine scopes) straight from its link table, by the link table's primary key.
/// (Including the skip navigation instead makes SQLite build the whole link-table join before filtering it: a scan
/// proportional to everything ever issued.)
/// </summary>
public sealed class ScopeLinks(PortalDbContext db)
{
    // Compiled: the token endpoint reads the scopes of a code or a refresh token on every grant.
    private static readonly Func<PortalDbContext, long, IAsyncEnumerable<Scope>> ScopesOfCode = CompileScopesOf("AuthorizationCodeScopes", "AuthorizationCodeId");
    private static readonly Func<PortalDbContext, long, IAsyncEnumerable<Scope>> ScopesOfToken = CompileScopesOf("AccessTokenScopes", "AccessTokenId");
    private static readonly Func<PortalDbContext, long, IAsyncEnumerable<Scope>> ScopesOfDeviceCode = CompileScopesOf("DeviceCodeScopes", "DeviceCodeId");

    public Task<List<Scope>> OfCodeAsync(long codeId, CancellationToken cancellationToken) =>
        ScopesOfCode(db, codeId).ToListAsync(cancellationToken).AsTask();

    public Task<List<Scope>> OfTokenAsync(long tokenId, CancellationToken cancellationToken) =>
        ScopesOfToken(db, tokenId).ToListAsync(cancellationToken).AsTask();

    public Task<List<Scope>> OfDeviceCodeAsync(long deviceCodeId, CancellationToken cancellationToken) =>
        ScopesOfDeviceCode(db, deviceCodeId).ToListAsync(cancellationToken).AsTask();

    /// <summary>The scopes the client may get without a user (client_credentials).</summary>
    public Task<List<Scope>> MachineScopesOfAsync(string clientId, CancellationToken cancellationToken) =>
        LoadAsync(Links("ClientMachineScopes").Where(link => EF.Property<string>(link, "ClientId") == clientId), cancellationToken, "MachineScopesId");

    public Task<List<Scope>> OfConsentAsync(int consentGrantId, CancellationToken cancellationToken) =>
        LoadAsync(Links("ConsentGrantScopes").Where(link => EF.Property<int>(link, "ConsentGrantId") == consentGrantId), cancellationToken);

    /// <summary>The table and key names are constants of the compiled query; only the owner's id is a parameter.</summary>
    private static Func<PortalDbContext, long, IAsyncEnumerable<Scope>> CompileScopesOf(string linkTable, string ownerKey) => EF.CompileAsyncQuery(
        (PortalDbContext context, long ownerId) => context.Set<Dictionary<string, object>>(linkTable)
            .Where(link => EF.Property<long>(link, ownerKey) == ownerId)
            .Join(context.Scopes, link => EF.Property<int>(link, "ScopesId"), scope => scope.Id, (_, scope) => scope)
            .OrderBy(scope => scope.Id)
            .AsNoTracking());

    private IQueryable<Dictionary<string, object>> Links(string linkTable) => db.Set<Dictionary<string, object>>(linkTable);

    private Task<List<Scope>> LoadAsync(IQueryable<Dictionary<string, object>> links, CancellationToken cancellationToken, string scopeKey = "ScopesId") =>
        links.Join(db.Scopes, link => EF.Property<int>(link, scopeKey), scope => scope.Id, (_, scope) => scope)
            .OrderBy(scope => scope.Id)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
}
