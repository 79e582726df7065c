using System.Linq.Expressions;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Token;

/// <summary>Shared query pieces about tokens.</summary>
public static class TokenQueries
{
    /// <summary>Still usable at <paramref name="now"/>: not revoked, and its access token or its refresh token has not expired.</summary>
    public static Expression<Func<AccessToken, bool>> ActiveAt(DateTime now) =>
        t => t.RevokedAt == null && (t.ExpiresAt > now || (t.Refreshable && t.RefreshExpiresAt > now));
}
