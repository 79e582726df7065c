using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>
/// The claims about a user that a grant releases (OpenID Connect Core §§5.1, 5.4, 5.5): <c>sub</c> (the account's
/// id: stable, never reused, not the e-mail) always; the profile and e-mail claims only for the scopes that cover them.
/// Claims without a value (a name never given) are left out, as §5.3.2 asks.
/// </summary>
public sealed class UserClaims(PortalDbContext db)
{
    /// <summary>The user and the grant's claims request behind an access token, in one query; null when the token has no user.</summary>
    public async Task<(PortalUser User, RequestedClaims Requested)?> OfTokenAsync(long tokenId, CancellationToken cancellationToken)
    {
        var found = await db.AccessTokens.AsNoTracking().Where(t => t.Id == tokenId && t.User != null)
            .Select(t => new { t.User, t.Grant!.ClaimsRequest }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.User!, RequestedClaims.Deserialize(found.ClaimsRequest));
    }

    /// <summary>The UserInfo response: <c>sub</c>, every claim the granted scopes release, and any claim requested for it that they cover.</summary>
    public static Dictionary<string, object> ForUserInfo(PortalUser user, IReadOnlyCollection<string> scopes, RequestedClaims requested) =>
        Release(user, ScopeClaims.ReleasedBy(scopes).Concat(requested.UserInfo), scopes);

    /// <summary>The user claims of an id_token besides <c>sub</c>: only those requested for it (the claims parameter) that the scopes cover.</summary>
    public static Dictionary<string, object> ForIdToken(PortalUser user, IReadOnlyCollection<string> scopes, RequestedClaims requested) =>
        Release(user, requested.IdToken, scopes);

    private static Dictionary<string, object> Release(PortalUser user, IEnumerable<string> wanted, IReadOnlyCollection<string> scopes)
    {
        var covered = ScopeClaims.ReleasedBy(scopes).ToHashSet();
        var claims = new Dictionary<string, object> { [OidcClaimNames.Subject] = user.Id };
        foreach (var name in wanted.Where(covered.Contains))
        {
            if (ValueOf(user, name) is { } value)
            {
                claims[name] = value;
            }
        }

        return claims;
    }

    private static object? ValueOf(PortalUser user, string claim) => claim switch
    {
        OidcClaimNames.Name => user.Name,
        OidcClaimNames.PreferredUsername => user.UserName,
        OidcClaimNames.GivenName => user.GivenName,
        OidcClaimNames.FamilyName => user.FamilyName,
        OidcClaimNames.UpdatedAt => new DateTimeOffset(DateTime.SpecifyKind(user.ProfileUpdatedAt ?? user.CreatedAt, DateTimeKind.Utc)).ToUnixTimeSeconds(),
        OidcClaimNames.Email => user.Email,
        OidcClaimNames.EmailVerified => user.EmailConfirmed,
        _ => null,
    };

    /// <summary>Whether the scopes make this an OpenID Connect grant (id_tokens, UserInfo, the offline_access rule).</summary>
    public static bool IsOpenId(IEnumerable<Scope> scopes) => scopes.Any(s => s.Name == P.ScopeOpenId);
}
