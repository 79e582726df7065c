using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Token;

/// <summary>Every token of one <see cref="Grant"/>: started together, revoked together.</summary>
public sealed class GrantFamily(PortalDbContext db, TimeProvider clock)
{
    /// <summary>A new grant, added to the context for the caller to save with its first code or token.</summary>
    /// <param name="resources">The resources it is for (RFC 8707), already checked; none by default.</param>
    public Grant Start(GrantKind kind, string clientId, string? userId, IReadOnlyList<Scope> scopes, IReadOnlyList<string>? resources = null) =>
        db.Grants.Add(new Grant
        {
            Kind = kind,
            ClientId = clientId,
            UserId = userId,
            ScopeNames = string.Join(' ', scopes.Select(s => s.Name)),
            Resources = Resources.ResolveResourceIndicators.Join(resources ?? []),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        }).Entity;

    /// <summary>Revokes every live token of the grant (one UPDATE) and marks the grant revoked; returns how many tokens.</summary>
    public async Task<int> RevokeAsync(long grantId, TokenRevocationReason reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var revoked = await db.AccessTokens.Where(t => t.GrantId == grantId).RevokeAsync(now, reason, cancellationToken);
        await db.Grants.Where(g => g.Id == grantId && g.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.RevokedAt, now).SetProperty(g => g.RevocationReason, reason), cancellationToken);
        return revoked;
    }
}
