namespace OAuthPortal.OAuth;

/// <summary>
/// "This endpoint needs a bearer token with these scopes" (djoauth2's <c>@oauth_scope</c>). Put it on an MVC
/// controller or action, or on a Razor Page model or handler method; minimal APIs use <c>.RequireOAuthScope(...)</c>.
/// Several declarations add up. The validated token is then <c>HttpContext.GetOAuthAccessToken()</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class OAuthScopeAttribute(params string[] scopes) : Attribute
{
    public IReadOnlyList<string> Scopes { get; } = scopes;

    /// <summary>Every scope required by <paramref name="declarations"/>, once each.</summary>
    public static IReadOnlyCollection<string> Union(IEnumerable<object> declarations) =>
        declarations.OfType<OAuthScopeAttribute>().SelectMany(a => a.Scopes).Distinct(StringComparer.Ordinal).ToList();
}
