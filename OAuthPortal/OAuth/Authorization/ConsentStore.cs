using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.Management.Apps;
using OAuthPortal.Management.Tokens;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Scopes;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>Remembers which scopes a user granted to a client (<see cref="ConsentGrant"/>).</summary>
public sealed class ConsentStore(PortalDbContext db, ScopeLinks scopeLinks, TokenAdministration tokens, IOAuthEvents events, TimeProvider clock)
{
    /// <summary>The clients a user has authorized, most recently granted first ("My apps").</summary>
    public async Task<IReadOnlyList<AuthorizedApp>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var active = TokenQueries.ActiveAt(clock.GetUtcNow().UtcDateTime);
        var grants = await db.ConsentGrants.AsNoTracking().Where(g => g.UserId == userId).OrderByDescending(g => g.UpdatedAt)
            .Select(g => new
            {
                g.Id, g.ClientId, g.Client!.Name, g.Client.ImageUrl, g.CreatedAt, g.UpdatedAt,
                LastUsedAt = db.AccessTokens.Where(t => t.UserId == userId && t.ClientId == g.ClientId).Max(t => (DateTime?)t.CreatedAt),
                ActiveTokens = db.AccessTokens.Where(t => t.UserId == userId && t.ClientId == g.ClientId).Count(active),
            })
            .ToListAsync(cancellationToken);
        var apps = new List<AuthorizedApp>();
        foreach (var grant in grants)
        {
            var scopes = (await scopeLinks.OfGrantAsync(grant.Id, cancellationToken)).Select(s => s.Name).ToList();
            apps.Add(new AuthorizedApp(grant.ClientId, grant.Name, grant.ImageUrl, scopes, grant.CreatedAt, grant.UpdatedAt, grant.LastUsedAt, grant.ActiveTokens));
        }

        return apps;
    }

    /// <summary>
    /// The user takes back a client's access: every token and pending code revoked, the grant forgotten (the next
    /// authorization asks again). False when the user had not authorized the client.
    /// </summary>
    public async Task<bool> RevokeAsync(string userId, string clientId, string actor, CancellationToken cancellationToken = default)
    {
        var grant = await db.ConsentGrants.AsNoTracking().Where(g => g.UserId == userId && g.ClientId == clientId)
            .Select(g => new { g.Id }).SingleOrDefaultAsync(cancellationToken);
        if (grant is null)
        {
            return false;
        }

        var scopes = (await scopeLinks.OfGrantAsync(grant.Id, cancellationToken)).Select(s => s.Name).ToList();
        await tokens.RevokeAllOfUserForClientAsync(userId, clientId, actor, TokenRevocationReason.RevokedByUser, cancellationToken);
        await db.ConsentGrants.Where(g => g.Id == grant.Id).ExecuteDeleteAsync(cancellationToken);
        await events.ConsentRevokedAsync(new ConsentEvent(userId, clientId, scopes));
        return true;
    }

    /// <summary>True when the user already granted every one of <paramref name="scopes"/> to the client.</summary>
    public async Task<bool> CoversAsync(string userId, string clientId, IReadOnlyList<Scope> scopes, CancellationToken cancellationToken = default)
    {
        var grantId = await db.ConsentGrants.AsNoTracking().Where(g => g.UserId == userId && g.ClientId == clientId)
            .Select(g => (int?)g.Id).SingleOrDefaultAsync(cancellationToken);
        if (grantId is null)
        {
            return false;
        }

        var granted = (await scopeLinks.OfGrantAsync(grantId.Value, cancellationToken)).Select(s => s.Id).ToHashSet();
        return scopes.All(s => granted.Contains(s.Id));
    }

    /// <summary>Adds <paramref name="scopes"/> to the user's grant for the client (creating it the first time).</summary>
    public async Task RecordAsync(string userId, string clientId, IReadOnlyList<Scope> scopes, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var grant = await db.ConsentGrants.SingleOrDefaultAsync(g => g.UserId == userId && g.ClientId == clientId, cancellationToken);
        var granted = grant is null ? [] : (await scopeLinks.OfGrantAsync(grant.Id, cancellationToken)).Select(s => s.Id).ToHashSet();
        if (grant is null)
        {
            grant = new ConsentGrant { UserId = userId, ClientId = clientId, CreatedAt = now };
            db.ConsentGrants.Add(grant);
        }

        grant.Scopes.AddRange(scopes.Where(s => !granted.Contains(s.Id)).Select(Tracked));
        grant.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    private Scope Tracked(Scope scope) =>
        db.Scopes.Local.FirstOrDefault(s => s.Id == scope.Id) ?? db.Scopes.Attach(scope).Entity;
}
