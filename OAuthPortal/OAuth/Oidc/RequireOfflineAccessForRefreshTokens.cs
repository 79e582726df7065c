using OAuthPortal.Data;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>
/// Who gets a refresh token, as far as scopes decide it: an OpenID Connect grant (<c>openid</c>) only when
/// <c>offline_access</c> was requested and granted (Core §11); a plain OAuth 2.0 grant when
/// OAuth:AccessTokensRefreshable is on (djoauth2's rule). The client must also be allowed the refresh_token grant.
/// </summary>
public static class RequireOfflineAccessForRefreshTokens
{
    public static bool Allows(IReadOnlyList<Scope> scopes, bool accessTokensRefreshable) =>
        UserClaims.IsOpenId(scopes) ? scopes.Any(s => s.Name == P.ScopeOfflineAccess) : accessTokensRefreshable;
}
