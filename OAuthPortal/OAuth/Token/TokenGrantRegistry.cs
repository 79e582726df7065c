using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Dpop;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token;

/// <summary>
/// The token endpoint after client authentication (djoauth2 <c>access_token_endpoint</c>, RFC 6749 §§4.1.3, 5, 6):
/// dispatches on <c>grant_type</c> to the registered <see cref="ITokenGrant"/>s, after the DPoP proof, if any, is
/// checked (<see cref="RequireDpopProof"/>: the grants then bind what they issue to its key).
/// </summary>
public sealed class TokenGrantRegistry(IEnumerable<ITokenGrant> grants, RequireDpopProof dpop)
{
    public async Task<OAuthResult<TokenResponse>> HandleAsync(TokenRequestContext request, CancellationToken cancellationToken = default)
    {
        if (Dispatch(request) is { } refused)
        {
            return refused;
        }

        var proof = await dpop.CheckAsync(request, cancellationToken);
        return proof.Succeeded
            ? await grants.First(g => g.GrantType == request.Form.Get(P.GrantType)).HandleAsync(request with { Dpop = proof.Value }, cancellationToken)
            : proof.Error!;
    }

    /// <summary>Why the request cannot reach a grant (no grant_type, an unknown one, one the client may not use), or null.</summary>
    private OAuthError? Dispatch(TokenRequestContext request)
    {
        if (request.Form.Get(P.GrantType) is not { } grantType)
        {
            return OAuthError.InvalidRequest("'grant_type' is required.");
        }

        return grants.Any(g => g.GrantType == grantType)
            ? RequireAllowedGrantType.Check(request.Client, grantType)
            : new OAuthError(OAuthErrorCodes.UnsupportedGrantType, $"'grant_type' must be one of: {string.Join(", ", grants.Select(g => g.GrantType))}.");
    }
}
