using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;

namespace OAuthPortal.Management.Audit;

/// <summary>Reads the audit log (written by <see cref="AuditingOAuthEvents"/>): newest first, filtered, paged.</summary>
public sealed class AuditLog(PortalDbContext db)
{
    public static readonly AuditAction[] SecurityActions =
        [AuditAction.AuthorizationCodeReused, AuditAction.RefreshTokenReused, AuditAction.ClientAuthenticationFailed];

    /// <param name="actor">A substring of the actor, case-insensitive.</param>
    public Task<PagedList<AuditEvent>> SearchAsync(AuditAction? action, string? actor, int page, CancellationToken cancellationToken = default) =>
        SearchAsync(new AuditSearch(action, actor), page, cancellationToken);

    public async Task<PagedList<AuditEvent>> SearchAsync(AuditSearch search, int page, CancellationToken cancellationToken = default)
    {
        page = PagedList.Clamp(page);
        var events = Matching(search);
        var total = await events.CountAsync(cancellationToken);
        var items = await events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Page(page).ToListAsync(cancellationToken);
        return new PagedList<AuditEvent>(items, page, total);
    }

    /// <summary>The newest <paramref name="limit"/> entries matching <paramref name="search"/>, newest first (the CSV export).</summary>
    public async Task<IReadOnlyList<AuditEvent>> ListAsync(AuditSearch search, int limit, CancellationToken cancellationToken = default) =>
        await Matching(search).OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(limit).ToListAsync(cancellationToken);

    /// <summary>The ids of the users with these e-mail addresses (the audit names people by e-mail), by e-mail.</summary>
    public async Task<IReadOnlyDictionary<string, string>> UserIdsAsync(IEnumerable<string> emails, CancellationToken cancellationToken = default)
    {
        var normalized = emails.Select(e => e.ToUpperInvariant()).Distinct().ToList();
        if (normalized.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var users = await db.Users.AsNoTracking().Where(u => normalized.Contains(u.NormalizedEmail!))
            .Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(cancellationToken);
        return users.GroupBy(u => u.NormalizedEmail!).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
    }

    private IQueryable<AuditEvent> Matching(AuditSearch search)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (search.Action is { } wanted)
        {
            events = events.Where(e => e.Action == wanted);
        }

        if (!string.IsNullOrWhiteSpace(search.Actor))
        {
            var text = search.Actor.Trim().ToUpper();
            events = events.Where(e => e.Actor.ToUpper().Contains(text));
        }

        if (search.Since is { } since)
        {
            events = events.Where(e => e.OccurredAt >= since);
        }

        if (search.Until is { } until)
        {
            events = events.Where(e => e.OccurredAt < until);
        }

        return events;
    }

    /// <summary>The latest code replays, refresh-token replays and failed client authentications.</summary>
    public async Task<IReadOnlyList<AuditEvent>> RecentSecurityEventsAsync(int count, CancellationToken cancellationToken = default) =>
        await db.AuditEvents.AsNoTracking().Where(e => SecurityActions.Contains(e.Action))
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(count).ToListAsync(cancellationToken);
}
