using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.Management.Tokens;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Scopes;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Management.Apps;

/// <summary>"My apps": the clients a user has authorized (<see cref="ConsentGrant"/>), and taking their access back.</summary>
public sealed class AuthorizedApps(PortalDbContext db, ScopeLinks scopeLinks, TokenAdministration tokens, IOAuthEvents events, TimeProvider clock)
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
            var scopes = (await scopeLinks.OfConsentAsync(grant.Id, cancellationToken)).Select(s => s.Name).ToList();
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

        var scopes = (await scopeLinks.OfConsentAsync(grant.Id, cancellationToken)).Select(s => s.Name).ToList();
        await tokens.RevokeAllOfUserForClientAsync(userId, clientId, actor, TokenRevocationReason.RevokedByUser, cancellationToken);
        await db.ConsentGrants.Where(g => g.Id == grant.Id).ExecuteDeleteAsync(cancellationToken);
        await events.ConsentRevokedAsync(new ConsentEvent(userId, clientId, scopes));
        return true;
    }
}
