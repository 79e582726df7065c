using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Scopes;

/// <summary>
/// RFC 6749 §§3.3, 6: a <c>scope</c> parameter narrows what a request may have (a refresh token's grant, a client's
/// machine scopes): no parameter keeps all of it, a subset keeps that subset, anything else is <c>invalid_scope</c>.
/// </summary>
public static class NarrowScopes
{
    /// <param name="notAvailable">What the error says of the names outside <paramref name="available"/>, before listing them.</param>
    public static (IReadOnlyList<Scope> Scopes, OAuthError? Error) To(IReadOnlyList<Scope> available, string? requested, string notAvailable)
    {
        if (requested is null)
        {
            return (available, null);
        }

        var names = RequestedScopes.Names(requested);
        var extra = names.Where(n => available.All(s => s.Name != n)).ToList();
        if (names.Count == 0 || extra.Count > 0)
        {
            return ([], OAuthError.InvalidScope(names.Count == 0
                ? "'scope' must name at least one scope."
                : $"{notAvailable}: {string.Join(", ", extra.Select(n => $"'{n}'"))}."));
        }

        return (available.Where(s => names.Contains(s.Name)).ToList(), null);
    }
}
