using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>
/// Which claims each OpenID Connect scope releases (Core §5.4), and every claim the portal can release: <c>sub</c>
/// always; the profile claims it keeps for <c>profile</c>; the address and whether it is confirmed for <c>email</c>.
/// </summary>
public static class ScopeClaims
{
    public static readonly IReadOnlyList<string> Profile =
        [OidcClaimNames.Name, OidcClaimNames.PreferredUsername, OidcClaimNames.GivenName, OidcClaimNames.FamilyName, OidcClaimNames.UpdatedAt];

    public static readonly IReadOnlyList<string> Email = [OidcClaimNames.Email, OidcClaimNames.EmailVerified];

    /// <summary>Every user claim the portal releases (discovery's <c>claims_supported</c> adds the id_token's own).</summary>
    public static readonly IReadOnlyList<string> All = [OidcClaimNames.Subject, .. Profile, .. Email];

    /// <summary>The user claims <paramref name="scopes"/> release, besides <c>sub</c>.</summary>
    public static IEnumerable<string> ReleasedBy(IEnumerable<string> scopes) => scopes.SelectMany(scope => scope switch
    {
        P.ScopeProfile => Profile,
        P.ScopeEmail => Email,
        _ => [],
    });
}
