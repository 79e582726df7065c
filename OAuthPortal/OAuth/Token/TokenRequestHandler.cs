using OAuthPortal.Data;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Token.Grants;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token;

/// <summary>The token endpoint after client authentication (djoauth2 <c>access_token_endpoint</c>): dispatch on grant_type.</summary>
public sealed class TokenRequestHandler(AuthorizationCodeGrant codeGrant, RefreshTokenGrant refreshGrant)
{
    public Task<OAuthResult<TokenResponse>> HandleAsync(Client client, ProtocolParameters body, CancellationToken cancellationToken = default) =>
        body.Get(P.GrantType) switch
        {
            null => Task.FromResult<OAuthResult<TokenResponse>>(OAuthError.InvalidRequest("'grant_type' is required.")),
            P.GrantAuthorizationCode => codeGrant.ExchangeAsync(client, body, cancellationToken),
            P.GrantRefreshToken => refreshGrant.RefreshAsync(client, body, cancellationToken),
            _ => Task.FromResult<OAuthResult<TokenResponse>>(new OAuthError(OAuthErrorCodes.UnsupportedGrantType,
                "'grant_type' must be authorization_code or refresh_token.")),
        };
}
