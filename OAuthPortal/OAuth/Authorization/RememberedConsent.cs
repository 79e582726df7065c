using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Scopes;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>
/// Remembered consent (<see cref="ConsentGrant"/>, OAuth:RememberConsent): does what the user granted a client before
/// cover this request, and recording what they grant now. What "My apps" lists and revokes is in Management.
/// </summary>
public sealed class RememberedConsent(PortalDbContext db, ScopeLinks scopeLinks, TimeProvider clock)
{
    /// <summary>True when the user already granted every one of <paramref name="scopes"/> to the client.</summary>
    public async Task<bool> CoversAsync(string userId, string clientId, IReadOnlyList<Scope> scopes, CancellationToken cancellationToken = default)
    {
        var grantId = await db.ConsentGrants.AsNoTracking().Where(g => g.UserId == userId && g.ClientId == clientId)
            .Select(g => (int?)g.Id).SingleOrDefaultAsync(cancellationToken);
        if (grantId is null)
        {
            return false;
        }

        var granted = (await scopeLinks.OfConsentAsync(grantId.Value, cancellationToken)).Select(s => s.Id).ToHashSet();
        return scopes.All(s => granted.Contains(s.Id));
    }

    /// <summary>Adds <paramref name="scopes"/> to the user's grant for the client (creating it the first time).</summary>
    public async Task RecordAsync(string userId, string clientId, IReadOnlyList<Scope> scopes, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var grant = await db.ConsentGrants.SingleOrDefaultAsync(g => g.UserId == userId && g.ClientId == clientId, cancellationToken);
        var granted = grant is null ? [] : (await scopeLinks.OfConsentAsync(grant.Id, cancellationToken)).Select(s => s.Id).ToHashSet();
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
