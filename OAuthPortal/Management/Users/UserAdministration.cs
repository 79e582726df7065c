using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Management.Tokens;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Management.Users;

/// <summary>
/// Admin work on users: search, the Admin role and locking, never leaving the portal without an admin who can sign
/// in (a locked admin does not count). Whatever may take away the last admin is checked and done under the cluster-wide
/// <see cref="PortalRoles.AdminRoleLock"/>, so that two admins demoting, locking or deleting each other at once, on any
/// instances, leave one.
/// </summary>
public sealed class UserAdministration(
    PortalDbContext db, UserManager<PortalUser> users, TokenAdministration tokens, UserSessions sessions, ClusterLeases locks, IOAuthEvents events,
    TimeProvider clock)
{
    public async Task<PagedList<UserListItem>> SearchAsync(string? query, int page, CancellationToken cancellationToken = default)
    {
        page = PagedList.Clamp(page);
        var now = clock.GetUtcNow();
        var utcNow = now.UtcDateTime;
        var active = TokenQueries.ActiveAt(utcNow);
        var matching = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var normalized = query.Trim().ToUpperInvariant();
            matching = matching.Where(u => u.NormalizedEmail!.Contains(normalized));
        }

        var adminIds = db.UserRoles.Where(r => r.RoleId == PortalRoles.AdminRoleId).Select(r => r.UserId);
        var total = await matching.CountAsync(cancellationToken);
        var rows = await matching.OrderBy(u => u.NormalizedEmail).Page(page)
            .Select(u => new
            {
                u.Id, u.Email, IsAdmin = adminIds.Contains(u.Id), u.LockoutEnd, u.CreatedAt,
                Clients = db.Clients.Count(c => c.OwnerId == u.Id),
                ActiveTokens = db.AccessTokens.Where(t => t.UserId == u.Id).Count(active),
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(u => new UserListItem(u.Id, u.Email ?? "", u.IsAdmin, u.LockoutEnd > now, u.CreatedAt, u.Clients, u.ActiveTokens)).ToList();
        return new PagedList<UserListItem>(items, page, total);
    }

    public async Task<UserListItem?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return null;
        }

        var active = TokenQueries.ActiveAt(clock.GetUtcNow().UtcDateTime);
        return new UserListItem(user.Id, user.Email ?? "", await users.IsInRoleAsync(user, PortalRoles.Admin), await users.IsLockedOutAsync(user),
            user.CreatedAt, await db.Clients.CountAsync(c => c.OwnerId == userId, cancellationToken),
            await db.AccessTokens.Where(t => t.UserId == userId).CountAsync(active, cancellationToken));
    }

    public async Task<UserChangeResult> SetAdminAsync(string userId, bool admin, string actor, CancellationToken cancellationToken = default)
    {
        var (result, user) = await locks.RunLockedAsync(PortalRoles.AdminRoleLock, async () =>
        {
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return (UserChangeResult.NotFound, null);
            }

            if (await users.IsInRoleAsync(user, PortalRoles.Admin) == admin)
            {
                return (UserChangeResult.Done, null);
            }

            if (!admin && !await AnotherActiveAdminAsync(user, cancellationToken))
            {
                return (UserChangeResult.LastAdmin, null);
            }

            Check(admin ? await users.AddToRoleAsync(user, PortalRoles.Admin) : await users.RemoveFromRoleAsync(user, PortalRoles.Admin));
            // Role claims live in the sign-in cookie: refresh the stamp so the change reaches the user's sessions.
            Check(await users.UpdateSecurityStampAsync(user));
            return (UserChangeResult.Done, (PortalUser?)user);
        }, cancellationToken);

        if (user is not null)
        {
            await events.UserChangedAsync(new UserChangedEvent(user.Id, user.Email ?? "", admin ? UserChange.AdminRoleGranted : UserChange.AdminRoleRemoved, actor));
        }

        return result;
    }

    /// <summary>
    /// Locks (no sign-in until unlocked; every sign-in session ends and every token the user holds is revoked, so the
    /// user and their apps lose access at once) or unlocks a user.
    /// </summary>
    public async Task<UserChangeResult> SetLockedAsync(string userId, bool locked, string actor, CancellationToken cancellationToken = default)
    {
        var (result, user) = await locks.RunLockedAsync(PortalRoles.AdminRoleLock, async () =>
        {
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return (UserChangeResult.NotFound, null);
            }

            if (locked && await users.IsInRoleAsync(user, PortalRoles.Admin) && !await AnotherActiveAdminAsync(user, cancellationToken))
            {
                return (UserChangeResult.LastAdmin, null);
            }

            // Each checked: a write that did not happen (the user changed elsewhere meanwhile) must not be reported as done.
            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null));
            Check(await users.ResetAccessFailedCountAsync(user));
            if (locked)
            {
                Check(await users.UpdateSecurityStampAsync(user));
            }

            return (UserChangeResult.Done, (PortalUser?)user);
        }, cancellationToken);

        if (user is null)
        {
            return result;
        }

        // After the commit (the lock is for who can sign in as Admin): these raise events, whose audit entries are
        // written through a database scope of their own. Not cancelled by the request: the admin's browser going away
        // must not leave a locked user's sessions and tokens alive.
        cancellationToken = CancellationToken.None;
        if (locked)
        {
            await sessions.EndAllAsync(user.Id, cancellationToken: cancellationToken);
            await tokens.RevokeAllOfUserAsync(user.Id, user.Email ?? "", actor, cancellationToken);
            // Their initial access tokens register no more clients (RFC 7591 §3): a lock cuts a developer off.
            var now = clock.GetUtcNow().UtcDateTime;
            await db.InitialAccessTokens.Where(t => t.OwnerId == user.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now), cancellationToken);
        }

        await events.UserChangedAsync(new UserChangedEvent(user.Id, user.Email ?? "", locked ? UserChange.Locked : UserChange.Unlocked, actor));
        return result;
    }

    /// <summary>
    /// A user deletes their own account: refused for the last admin who can sign in; otherwise the user, the clients
    /// they own (with those clients' codes and tokens), their grants and tokens go, and the audit log keeps the fact.
    /// </summary>
    public Task<UserChangeResult> DeleteOwnAccountAsync(PortalUser user, CancellationToken cancellationToken = default) =>
        DeleteAsync(user, user.Email ?? "", cancellationToken);

    /// <summary>
    /// An administrator deletes a user (CLI <c>users delete</c>), as the user could themselves: refused for the last admin
    /// who can sign in; the clients they own, their grants, tokens and sessions go with them.
    /// </summary>
    public async Task<UserChangeResult> DeleteAsync(string userId, string actor, CancellationToken cancellationToken = default) =>
        await users.FindByIdAsync(userId) is { } user ? await DeleteAsync(user, actor, cancellationToken) : UserChangeResult.NotFound;

    private async Task<UserChangeResult> DeleteAsync(PortalUser user, string actor, CancellationToken cancellationToken)
    {
        var clients = await db.Clients.CountAsync(c => c.OwnerId == user.Id, cancellationToken);
        var result = await locks.RunLockedAsync(PortalRoles.AdminRoleLock, async () =>
        {
            if (await users.IsInRoleAsync(user, PortalRoles.Admin) && !await AnotherActiveAdminAsync(user, cancellationToken))
            {
                return UserChangeResult.LastAdmin;
            }

            Check(await users.DeleteAsync(user));
            return UserChangeResult.Done;
        }, cancellationToken);

        if (result == UserChangeResult.Done)
        {
            await events.UserChangedAsync(new UserChangedEvent(user.Id, user.Email ?? "", UserChange.Deleted, actor, $"deleted {clients} client(s) they owned"));
        }

        return result;
    }

    /// <summary>
    /// Whether an admin other than <paramref name="user"/> can still sign in, as committed now (read past the change
    /// tracker, which may hold a user as loaded before the lock was taken).
    /// </summary>
    private async Task<bool> AnotherActiveAdminAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var lockoutEnds = await db.Users.AsNoTracking()
            .Where(u => u.Id != user.Id && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == PortalRoles.AdminRoleId))
            .Select(u => u.LockoutEnd).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return lockoutEnds.Any(end => !(end > now));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
