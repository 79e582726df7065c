using OAuthPortal.Data;
using OAuthPortal.OAuth.Http;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token;

/// <summary>
/// RFC 7662 introspection for confidential clients: is this access or refresh token, issued to the caller, active?
/// Another client's token is reported inactive (§4: no token-validity oracle, no leak of its user's identity).
/// </summary>
public sealed class TokenIntrospector(TokenLookup lookup, TimeProvider clock)
{
    public async Task<OAuthResult<IntrospectionResponse>> IntrospectAsync(Client client, ProtocolParameters body, string issuer, CancellationToken cancellationToken = default)
    {
        if (client.Type != ClientType.Confidential)
        {
            return new OAuthError(OAuthErrorCodes.InvalidClient, "Only confidential clients may introspect tokens.", StatusCodes.Status401Unauthorized);
        }

        if (body.Get(P.Token) is not { } value)
        {
            return OAuthError.InvalidRequest("'token' is required.");
        }

        var (token, isRefresh) = await lookup.FindAsync(value, body.Get(P.TokenTypeHint), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var expiresAt = isRefresh ? token?.RefreshExpiresAt : token?.ExpiresAt;
        if (token is null || token.ClientId != client.Id || token.RevokedAt is not null || expiresAt is null || expiresAt <= now || (isRefresh && !token.Refreshable))
        {
            return OAuthResult<IntrospectionResponse>.Success(IntrospectionResponse.Inactive);
        }

        return OAuthResult<IntrospectionResponse>.Success(new IntrospectionResponse
        {
            Active = true,
            Scope = token.ScopeNames,
            ClientId = token.ClientId,
            Username = token.User?.UserName,
            Subject = token.UserId ?? token.ClientId, // a token without a user (client_credentials) is the client's own
            TokenType = isRefresh ? P.RefreshToken : token.DpopJkt is null ? P.TokenTypeBearer : P.TokenTypeDpop,
            Confirmation = token.DpopJkt is { } jkt ? new Dictionary<string, string> { [P.JwkThumbprint] = jkt } : null,
            ExpiresAt = new DateTimeOffset(expiresAt.Value).ToUnixTimeSeconds(),
            IssuedAt = new DateTimeOffset(token.CreatedAt).ToUnixTimeSeconds(),
            Issuer = issuer,
            Audience = token.Audience is null ? null : Resources.ResolveResourceIndicators.Split(token.Audience),
        });
    }
}
