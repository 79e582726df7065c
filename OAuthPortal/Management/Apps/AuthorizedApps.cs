using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.Management.Tokens;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Scopes;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Management.Apps;

/// <summary>
/// "My apps": the clients a user has authorized, and taking their access back. A client is listed when the user's
/// consent to it is remembered (<see cref="ConsentGrant"/>), or when it holds live tokens for the user without that: a
/// device the user signed in on (the device flow never remembers consent), or an authorization while
/// OAuth:RememberConsent is off.
/// </summary>
public sealed class AuthorizedApps(PortalDbContext db, ScopeLinks scopeLinks, TokenAdministration tokens, IOAuthEvents events, TimeProvider clock)
{
    /// <summary>The clients a user has authorized, most recently granted first ("My apps").</summary>
    public async Task<IReadOnlyList<AuthorizedApp>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var active = TokenQueries.ActiveAt(clock.GetUtcNow().UtcDateTime);
        var grants = await db.ConsentGrants.AsNoTracking().Where(g => g.UserId == userId)
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

        apps.AddRange(await WithTokensOnlyAsync(userId, cancellationToken));
        return apps.OrderByDescending(a => a.UpdatedAt).ToList();
    }

    /// <summary>
    /// The user takes back a client's access: every token, pending code and approved device code revoked, the
    /// remembered consent forgotten (the next authorization asks again). False when the client has neither the user's
    /// consent nor live tokens of theirs.
    /// </summary>
    public async Task<bool> RevokeAsync(string userId, string clientId, string actor, CancellationToken cancellationToken = default)
    {
        var grant = await db.ConsentGrants.AsNoTracking().Where(g => g.UserId == userId && g.ClientId == clientId)
            .Select(g => new { g.Id }).SingleOrDefaultAsync(cancellationToken);
        var scopes = grant is not null
            ? (await scopeLinks.OfConsentAsync(grant.Id, cancellationToken)).Select(s => s.Name).ToList()
            : (await WithTokensOnlyAsync(userId, cancellationToken, clientId)).SingleOrDefault()?.Scopes.ToList();
        if (scopes is null)
        {
            return false;
        }

        await tokens.RevokeAllOfUserForClientAsync(userId, clientId, actor, TokenRevocationReason.RevokedByUser, cancellationToken);
        if (grant is not null)
        {
            await db.ConsentGrants.Where(g => g.Id == grant.Id).ExecuteDeleteAsync(cancellationToken);
        }

        await events.ConsentRevokedAsync(new ConsentEvent(userId, clientId, scopes));
        return true;
    }

    /// <summary>
    /// Clients with live tokens of the user but no remembered consent: their scopes are those of the live tokens, granted
    /// when the first of their grants was made.
    /// </summary>
    private async Task<List<AuthorizedApp>> WithTokensOnlyAsync(string userId, CancellationToken cancellationToken, string? clientId = null)
    {
        var live = db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).Where(TokenQueries.ActiveAt(clock.GetUtcNow().UtcDateTime))
            .Where(t => !db.ConsentGrants.Any(g => g.UserId == userId && g.ClientId == t.ClientId));
        if (clientId is not null)
        {
            live = live.Where(t => t.ClientId == clientId);
        }

        var rows = await live
            .Select(t => new { t.ClientId, t.Client!.Name, t.Client.ImageUrl, t.ScopeNames, t.CreatedAt, GrantedAt = t.Grant!.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(t => t.ClientId).Select(app => new AuthorizedApp(
                app.Key, app.First().Name, app.First().ImageUrl,
                app.SelectMany(t => t.ScopeNames.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().Order(StringComparer.Ordinal).ToList(),
                app.Min(t => t.GrantedAt), app.Max(t => t.GrantedAt), app.Max(t => t.CreatedAt), app.Count()))
            .ToList();
    }
}
