using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.OAuth.Events;

namespace OAuthPortal.Management.Users;

/// <summary>
/// An administrator signs a user out everywhere: every sign-in session of the user ends (their browsers are signed out
/// at their next request, relying parties are told through back-channel logout). Tokens apps hold are not touched:
/// revoking them is a separate action. Audited as <see cref="UserChange.SessionsEnded"/>.
/// </summary>
public sealed class UserSignOut(UserSessions sessions, IOAuthEvents events)
{
    /// <summary>How many sign-in sessions of the user still work (what ending them would end).</summary>
    public async Task<int> CountSessionsAsync(string userId, CancellationToken cancellationToken = default) =>
        (await sessions.ListAsync(userId, cancellationToken)).Count;

    /// <summary>Ends every session of <paramref name="user"/>; returns how many ended.</summary>
    public async Task<int> EndAllAsync(UserListItem user, string actor, CancellationToken cancellationToken = default)
    {
        var ended = await sessions.EndAllAsync(user.Id, cancellationToken: cancellationToken);
        await events.UserChangedAsync(new UserChangedEvent(user.Id, user.Email, UserChange.SessionsEnded, actor, $"{ended} session(s) ended"));
        return ended;
    }
}
