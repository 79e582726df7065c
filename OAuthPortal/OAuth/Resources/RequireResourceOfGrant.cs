using OAuthPortal.OAuth.Http;

namespace OAuthPortal.OAuth.Resources;

/// <summary>
/// RFC 8707 §2.2: at the token endpoint, a grant that already exists (an authorization code, a refresh token, an
/// approved device code) is redeemed for resources it was granted for. A <c>resource</c> on the token request must be
/// one of the grant's (else <c>invalid_target</c>) and narrows the new access token's audience to those named; none
/// named gives the token every resource of the grant. The grant keeps its resources, so later refreshes may name any.
/// </summary>
public static class RequireResourceOfGrant
{
    /// <returns>The new token's audience (stored form, null for none), or the error.</returns>
    public static (string? Audience, OAuthError? Error) Check(string? grantResources, ProtocolParameters tokenRequest)
    {
        var (requested, error) = ResolveResourceIndicators.Read(tokenRequest);
        if (error is not null)
        {
            return (null, error);
        }

        if (requested.Count == 0)
        {
            return (grantResources, null);
        }

        var granted = ResolveResourceIndicators.Split(grantResources);
        var outside = requested.Where(r => !granted.Contains(r, StringComparer.Ordinal)).ToList();
        return outside.Count == 0
            ? (ResolveResourceIndicators.Join(requested), null)
            : (null, new OAuthError(OAuthErrorCodes.InvalidTarget, granted.Count == 0
                ? "This grant was not made for any resource: name resources in the authorization request to ask for them here."
                : $"Not a resource of this grant: {string.Join(", ", outside.Select(r => $"'{(r.Length > 80 ? r[..80] + "..." : r)}'"))}."));
    }
}
