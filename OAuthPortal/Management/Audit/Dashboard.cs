using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Management.Audit;

/// <summary>Computes the admin dashboard figures.</summary>
public sealed class Dashboard(PortalDbContext db, TimeProvider clock)
{
    public async Task<DashboardFigures> ComputeAsync(int days = 14, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var since = today.AddDays(-(days - 1)).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // Grouped in SQL by day: the work does not grow with the number of tokens shown. Every token counts, with or without a user.
        var perDay = await db.AccessTokens.AsNoTracking().Where(t => t.CreatedAt >= since)
            .GroupBy(t => t.CreatedAt.Date).Select(g => new { Day = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var counts = perDay.ToDictionary(d => DateOnly.FromDateTime(d.Day), d => d.Count);
        return new DashboardFigures(
            await db.Users.CountAsync(cancellationToken),
            await db.Clients.CountAsync(cancellationToken),
            await db.Scopes.CountAsync(cancellationToken),
            await db.AccessTokens.CountAsync(TokenQueries.ActiveAt(now), cancellationToken),
            await db.AccessTokens.Where(t => t.UserId == null).CountAsync(TokenQueries.ActiveAt(now), cancellationToken),
            Enumerable.Range(0, days).Select(i => today.AddDays(i - days + 1)).Select(day => new DailyCount(day, counts.GetValueOrDefault(day))).ToList());
    }
}
