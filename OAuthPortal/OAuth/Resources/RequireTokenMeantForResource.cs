using OAuthPortal.OAuth.Bearer;

namespace OAuthPortal.OAuth.Resources;

/// <summary>
/// RFC 8707 §2, RFC 9068 §4 (audience check): a protected resource of the portal refuses an access token meant for
/// other resources (its audience names resources, none of them this one) with <c>invalid_token</c>. A token with no
/// audience (no <c>resource</c> named when it was asked for) is accepted, as before resource indicators. The audience
/// is read with the token's row: no extra query.
/// </summary>
public static class RequireTokenMeantForResource
{
    /// <param name="audience">The token's audience as stored (space-separated URIs), or null.</param>
    /// <param name="resource">The resource identifier of the request's resource (issuer + its prefix), or null when the request is not under one.</param>
    public static BearerError? Check(string? audience, string? resource) =>
        audience is null || resource is null || ResolveResourceIndicators.Split(audience).Contains(resource, StringComparer.Ordinal)
            ? null
            : BearerError.InvalidToken("The access token is not meant for this resource (its audience names other resources).");
}
