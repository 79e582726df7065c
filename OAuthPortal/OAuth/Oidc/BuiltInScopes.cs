using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>
/// The scopes OpenID Connect defines, on every database: created at start when missing (admins may reword their
/// descriptions, never delete them). <c>openid</c> makes a request an OpenID Connect one; <c>profile</c> and
/// <c>email</c> release claims (<see cref="ScopeClaims"/>); <c>offline_access</c> asks for a refresh token (Core §11).
/// All four are about a user, so they are created <see cref="Scope.UserOnly"/>.
/// </summary>
public static class BuiltInScopes
{
    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        (P.ScopeOpenId, "Sign you in with your account here (the app learns your account's id)."),
        (P.ScopeProfile, "See your name and basic profile details."),
        (P.ScopeEmail, "See your e-mail address and whether it is confirmed."),
        (P.ScopeOfflineAccess, "Stay connected while you are away, until you revoke it (a refresh token)."),
    ];

    public static bool Contains(string name) => All.Any(s => s.Name == name);

    /// <summary>Adds the missing ones; another instance adding them at the same moment is fine.</summary>
    public static async Task EnsureAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        var names = All.Select(s => s.Name).ToList();
        var existing = await db.Scopes.Where(s => names.Contains(s.Name)).Select(s => s.Name).ToListAsync(cancellationToken);
        foreach (var (name, description) in All.Where(s => !existing.Contains(s.Name)))
        {
            db.Scopes.Add(new Scope { Name = name, Description = description, UserOnly = true });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (DuplicateKey.Is(exception))
            {
                db.ChangeTracker.Clear(); // created by another instance meanwhile
            }
        }
    }
}
