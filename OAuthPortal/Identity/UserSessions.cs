using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.Data.Configurations;
using OAuthPortal.OAuth.Oidc.Logout;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.Identity;

/// <summary>
/// Server-side sign-in sessions (<see cref="UserSession"/>): started at every cookie sign-in, checked on every request
/// that carries the cookie (remembered by this instance for Portal:SessionCheckInterval), ended by logout, a password
/// change, "sign out everywhere", or an admin's lock; the user's list on <c>Manage your account &gt; Sessions</c>.
/// </summary>
public sealed class UserSessions(
    PortalDbContext db, BackchannelLogout backchannel, IMemoryCache cache, IOptions<PortalOptions> options, IOptionsMonitor<CookieAuthenticationOptions> cookies,
    TimeProvider clock, ILogger<UserSessions> logger)
{
    /// <summary>The claim of the sign-in cookie that names its session (OpenID Connect's <c>sid</c>).</summary>
    public const string ClaimType = "sid";

    private static readonly TimeSpan SeenEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan KeepEndedFor = TimeSpan.FromDays(1);

    public async Task<string> StartAsync(string userId, string? ipAddress, string? userAgent, CancellationToken cancellationToken = default)
    {
        var (id, now) = (TokenGenerator.NewClientId(), Now);
        var (address, agent) = (Shorten(ipAddress, UserSessionConfiguration.IpAddressLength), Shorten(userAgent, UserSessionConfiguration.UserAgentLength));
        // A statement of its own: the sign-in's other tracked entities are not the session's to save.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"UserSessions\" (\"Id\", \"UserId\", \"CreatedAt\", \"LastSeenAt\", \"IpAddress\", \"UserAgent\") VALUES ({id}, {userId}, {now}, {now}, {address}, {agent})",
            cancellationToken);
        cache.Set(LiveKey(id), userId, options.Value.SessionCheckInterval);
        return id;
    }

    /// <summary>Whether <paramref name="sessionId"/> is a session of <paramref name="userId"/> that has not ended; records when it was last seen.</summary>
    public async Task<bool> IsActiveAsync(string sessionId, string userId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(EndedKey(sessionId), out _))
        {
            return false;
        }

        if (cache.TryGetValue(LiveKey(sessionId), out string? owner))
        {
            return owner == userId;
        }

        var session = await db.UserSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.UserId, s.EndedAt, s.LastSeenAt }).FirstOrDefaultAsync(cancellationToken);
        var active = session is { EndedAt: null } && session.UserId == userId && session.LastSeenAt > Now - IdleLimit;
        if (active && Now - session!.LastSeenAt > SeenEvery)
        {
            await RecordSeenAsync(sessionId, ipAddress, cancellationToken);
        }

        if (active)
        {
            cache.Set(LiveKey(sessionId), userId, options.Value.SessionCheckInterval);
        }
        else
        {
            RememberEnded(sessionId);
        }

        return active;
    }

    /// <summary>The user's sessions that still work, most recently seen first.</summary>
    public async Task<IReadOnlyList<UserSession>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var seenAfter = Now - IdleLimit;
        return await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId && s.EndedAt == null && s.LastSeenAt > seenAfter)
            .OrderByDescending(s => s.LastSeenAt).ThenByDescending(s => s.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Ends one session of <paramref name="userId"/>; false when there is no such session.</summary>
    public async Task<bool> EndAsync(string userId, string sessionId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var ended = await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
        if (ended > 0)
        {
            RememberEnded(sessionId); // only a session of this user: anyone else's stays as it is, in the cache too
            await backchannel.NotifyAsync(userId, [sessionId], cancellationToken);
        }

        return ended > 0;
    }

    /// <summary>Ends every session of <paramref name="userId"/> (but <paramref name="except"/>); returns how many ended.</summary>
    public async Task<int> EndAllAsync(string userId, string? except = null, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var ending = db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != except);
        var ids = await ending.Select(s => s.Id).ToListAsync(cancellationToken);
        await ending.ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
        foreach (var id in ids)
        {
            RememberEnded(id);
        }

        await backchannel.NotifyAsync(userId, ids, cancellationToken);

        return ids.Count;
    }

    /// <summary>Deletes sessions that ended a day ago or have not been seen for longer than a sign-in cookie lives.</summary>
    public Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var endedBefore = Now - KeepEndedFor;
        var idleBefore = Now - IdleLimit - KeepEndedFor;
        return db.UserSessions.Where(s => s.EndedAt < endedBefore || s.LastSeenAt < idleBefore).ExecuteDeleteAsync(cancellationToken);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string? Shorten(string? value, int length) => value is { } text && text.Length > length ? text[..length] : value;

    /// <summary>A session unseen for as long as the sign-in cookie lives is over (its cookie has expired).</summary>
    private TimeSpan IdleLimit => cookies.Get(IdentityConstants.ApplicationScheme).ExpireTimeSpan;

    /// <summary>Best effort with a short timeout: a database that takes no writes must not fail a page that only reads.</summary>
    private async Task RecordSeenAsync(string sessionId, string? ipAddress, CancellationToken cancellationToken)
    {
        var now = Now;
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromSeconds(1));
        try
        {
            await db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now)
                    .SetProperty(x => x.IpAddress, Shorten(ipAddress, UserSessionConfiguration.IpAddressLength)), cancellationToken);
        }
        catch (Exception exception) when (DatabaseUnavailable.Is(exception))
        {
            logger.LogDebug("Session {Session}: last seen not recorded ({Reason}).", sessionId, exception.GetBaseException().Message);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }

    /// <summary>
    /// An ended session is remembered under a key of its own, which a check that read the row a moment before it ended
    /// cannot overwrite with "live".
    /// </summary>
    private void RememberEnded(string sessionId)
    {
        cache.Set(EndedKey(sessionId), true, options.Value.SessionCheckInterval);
        cache.Remove(LiveKey(sessionId));
    }

    private static string LiveKey(string sessionId) => "session:" + sessionId;

    private static string EndedKey(string sessionId) => "session-ended:" + sessionId;
}
