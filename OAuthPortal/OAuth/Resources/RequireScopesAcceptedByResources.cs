using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.OAuth.Resources;

/// <summary>
/// A request that names resources (RFC 8707) asks for scopes those resources accept: every requested scope, except
/// the OpenID Connect ones (<see cref="BuiltInScopes"/>: about the user, answered by the portal itself), must be
/// accepted by at least one named resource (a resource with no scope list accepts any scope), else
/// <c>invalid_scope</c> naming it. A request that names no resource is not limited.
/// </summary>
public static class RequireScopesAcceptedByResources
{
    public static OAuthError? Check(IReadOnlyList<NamedResource> resources, IEnumerable<string> scopes)
    {
        var refused = scopes.Where(s => !Accepted(resources, s)).ToList();
        return refused.Count == 0 ? null : OAuthError.InvalidScope(
            $"Not accepted by the resources named ({string.Join(" ", resources.Select(r => r.Uri))}): {string.Join(", ", refused.Select(n => $"'{n}'"))}.");
    }

    /// <summary>Whether <paramref name="scope"/> may be asked for with <paramref name="resources"/>.</summary>
    public static bool Accepted(IReadOnlyList<NamedResource> resources, string scope) =>
        resources.Count == 0 || BuiltInScopes.Contains(scope) || resources.Any(r => r.Accepts(scope));
}
