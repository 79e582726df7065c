using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.OAuth.Token;

/// <summary>Creates access (and refresh) tokens with the current lifetime and refreshable settings.</summary>
public sealed class TokenIssuer(PortalDbContext db, DatabaseWriteGate writes, IOptions<OAuthOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Spends a grant and issues the token that replaces it, atomically: <paramref name="spend"/> is a conditional
    /// update that changes exactly one row (the code or refresh token still unspent), then the new token is inserted,
    /// all in one short transaction in the SQLite write queue. Null when the update changed nothing: another request
    /// spent the grant first, or a revocation took it. The response carries the plaintext values, the only time they exist.
    /// </summary>
    public Task<TokenResponse?> SpendAndIssueAsync(
        Func<Task<int>> spend, string clientId, string userId, IReadOnlyList<Scope> scopes, long? authorizationCodeId, CancellationToken cancellationToken) =>
        writes.RunAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await spend() != 1)
            {
                return null;
            }

            var response = Issue(clientId, userId, scopes, authorizationCodeId);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (TokenResponse?)response;
        }, cancellationToken);

    /// <summary>
    /// Adds a new token row for the caller to save (the grants do it in <see cref="SpendAndIssueAsync"/>; the benchmark
    /// seeder in batches) and returns the response that carries its plaintext values, the only time they exist.
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
