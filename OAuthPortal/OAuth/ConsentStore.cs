using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth;

/// <summary>Remembers which scopes a user granted to a client (<see cref="ConsentGrant"/>).</summary>
public sealed class ConsentStore(PortalDbContext db, TimeProvider clock)
{
    /// <summary>True when the user already granted every one of <paramref name="scopes"/> to the client.</summary>
    public async Task<bool> CoversAsync(string userId, string clientId, IReadOnlyList<Scope> scopes, CancellationToken cancellationToken = default)
    {
        var ids = scopes.Select(s => s.Id).ToList();
        var granted = await db.ConsentGrants.AsNoTracking()
            .Where(g => g.UserId == userId && g.ClientId == clientId)
            .SelectMany(g => g.Scopes.Where(s => ids.Contains(s.Id)).Select(s => s.Id))
            .CountAsync(cancellationToken);
        return granted == ids.Count;
    }

    /// <summary>Adds <paramref name="scopes"/> to the user's grant for the client (creating it the first time).</summary>
    public async Task RecordAsync(string userId, string clientId, IReadOnlyList<Scope> scopes, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var grant = await db.ConsentGrants.Include(g => g.Scopes)
            .SingleOrDefaultAsync(g => g.UserId == userId && g.ClientId == clientId, cancellationToken);
        if (grant is null)
        {
            grant = new ConsentGrant { UserId = userId, ClientId = clientId, CreatedAt = now };
            db.ConsentGrants.Add(grant);
        }

        var ids = grant.Scopes.Select(s => s.Id).ToHashSet();
        var added = await db.Scopes.Where(s => scopes.Select(x => x.Id).Contains(s.Id)).ToListAsync(cancellationToken);
        grant.Scopes.AddRange(added.Where(s => !ids.Contains(s.Id)));
        grant.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }
}
