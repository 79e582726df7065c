using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Scopes;

/// <summary>
/// RFC 6749 §3.3: the <c>scope</c> parameter of an authorization or device authorization request, as scope rows: known
/// names, separated by spaces; duplicates collapse. In an OpenID Connect request (openid) names the portal does not
/// know are ignored, not refused (OpenID Connect Core §3.1.2.1).
/// </summary>
public sealed class RequestedScopes(PortalDbContext db)
{
    /// <summary>More scope names than any consent page can show; also bounds the query that looks them up.</summary>
    public const int MaxScopes = 100;

    /// <summary>The names in a scope parameter, in order, without duplicates.</summary>
    public static List<string> Names(string? scope) =>
        (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    public async Task<(IReadOnlyList<Scope> Scopes, OAuthError? Error)> ResolveAsync(
        IReadOnlyList<string> names, bool ignoreUnknown, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return ([], OAuthError.InvalidScope("'scope' must be included."));
        }

        if (names.Count > MaxScopes)
        {
            return ([], OAuthError.InvalidScope($"At most {MaxScopes} scopes can be requested at once."));
        }

        var scopes = await db.Scopes.AsNoTracking().Where(s => names.Contains(s.Name)).ToListAsync(cancellationToken);
        var unknown = names.Except(scopes.Select(s => s.Name), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0 && !ignoreUnknown)
        {
            return ([], OAuthError.InvalidScope($"The following scopes are invalid: {string.Join(", ", unknown.Select(n => $"'{n}'"))}."));
        }

        return (names.Except(unknown).Select(n => scopes.Single(s => s.Name == n)).ToList(), null);
    }
}
