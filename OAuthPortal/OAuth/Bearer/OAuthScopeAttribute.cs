using OAuthPortal.OAuth.Scopes;

namespace OAuthPortal.OAuth.Bearer;

/// <summary>
/// "This endpoint needs a bearer token with these scopes" (djoauth2's <c>@oauth_scope</c>). Put it on an MVC
/// controller or action, or on a Razor Page model or handler method; minimal APIs use <c>.RequireOAuthScope(...)</c>.
/// Several declarations add up; a declaration without scopes still requires a valid token. The validated token is
/// then <c>HttpContext.GetOAuthAccessToken()</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class OAuthScopeAttribute : Attribute
{
    public OAuthScopeAttribute(params string[] scopes)
    {
        // A scope name that can never exist (space, quote, non-ASCII) is a programming error: fail at start-up.
        foreach (var scope in scopes)
        {
            if (ScopeNamePolicy.Validate(scope) is { } problem)
            {
                throw new ArgumentException($"[OAuthScope(\"{scope}\")]: {problem}", nameof(scopes));
            }
        }

        Scopes = scopes;
    }

    public IReadOnlyList<string> Scopes { get; }

    /// <summary>Every scope required by <paramref name="declarations"/>, once each; null when there is no declaration at all.</summary>
    public static IReadOnlyCollection<string>? Union(IEnumerable<object> declarations)
    {
        var found = declarations.OfType<OAuthScopeAttribute>().ToList();
        return found.Count == 0 ? null : found.SelectMany(a => a.Scopes).Distinct(StringComparer.Ordinal).ToList();
    }
}
