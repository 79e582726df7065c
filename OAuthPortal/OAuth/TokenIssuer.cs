using Microsoft.Extensions.Options;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth;

/// <summary>Creates access (and refresh) tokens with the current lifetime and refreshable settings.</summary>
public sealed class TokenIssuer(PortalDbContext db, IOptions<OAuthOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Adds a new token row for the grant's caller to save (in the caller's transaction) and returns the response that
    /// carries its plaintext values, the only time they exist.
    /// </summary>
    public TokenResponse Issue(string clientId, string userId, IReadOnlyList<Scope> scopes, long? authorizationCodeId)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var accessToken = TokenGenerator.NewSecret();
        var refreshToken = settings.AccessTokensRefreshable ? TokenGenerator.NewSecret() : null;
        db.Scopes.AttachRange(scopes.Where(s => db.Entry(s).State == Microsoft.EntityFrameworkCore.EntityState.Detached));
        db.AccessTokens.Add(new AccessToken
        {
            TokenHash = SecretHasher.Hash(accessToken),
            RefreshTokenHash = refreshToken is null ? null : SecretHasher.Hash(refreshToken),
            ClientId = clientId,
            UserId = userId,
            Scopes = scopes.ToList(),
            ScopeNames = string.Join(' ', scopes.Select(s => s.Name)),
            AuthorizationCodeId = authorizationCodeId,
            CreatedAt = now,
            ExpiresAt = now + settings.AccessTokenLifetime,
            RefreshExpiresAt = refreshToken is null ? null : now + settings.RefreshTokenLifetime,
            Refreshable = refreshToken is not null,
        });
        return new TokenResponse(accessToken, OAuthParameterNames.TokenTypeBearer, (long)settings.AccessTokenLifetime.TotalSeconds,
            string.Join(' ', scopes.Select(s => s.Name)), refreshToken);
    }
}
