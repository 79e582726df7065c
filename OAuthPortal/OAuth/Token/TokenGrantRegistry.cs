using OAuthPortal.OAuth.Clients;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token;

/// <summary>
/// The token endpoint after client authentication (djoauth2 <c>access_token_endpoint</c>, RFC 6749 §§4.1.3, 5, 6):
/// dispatches on <c>grant_type</c> to the registered <see cref="ITokenGrant"/>s.
/// </summary>
public sealed class TokenGrantRegistry(IEnumerable<ITokenGrant> grants)
{
    public Task<OAuthResult<TokenResponse>> HandleAsync(TokenRequestContext request, CancellationToken cancellationToken = default)
    {
        if (request.Form.Get(P.GrantType) is not { } grantType)
        {
            return Task.FromResult<OAuthResult<TokenResponse>>(OAuthError.InvalidRequest("'grant_type' is required."));
        }

        var grant = grants.FirstOrDefault(g => g.GrantType == grantType);
        if (grant is null)
        {
            return Task.FromResult<OAuthResult<TokenResponse>>(new OAuthError(OAuthErrorCodes.UnsupportedGrantType,
                $"'grant_type' must be one of: {string.Join(", ", grants.Select(g => g.GrantType))}."));
        }

        return RequireAllowedGrantType.Check(request.Client, grantType) is { } notAllowed
            ? Task.FromResult<OAuthResult<TokenResponse>>(notAllowed)
            : grant.HandleAsync(request, cancellationToken);
    }
}
