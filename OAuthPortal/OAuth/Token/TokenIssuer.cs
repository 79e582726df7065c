using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.OAuth.Token;

/// <summary>Creates access (and refresh) tokens with the current lifetime and refreshable settings; every token belongs to a grant.</summary>
public sealed class TokenIssuer(PortalDbContext db, DatabaseWriteGate writes, IOptions<OAuthOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Spends a credential and issues the token that replaces it, atomically: <paramref name="spend"/> is a conditional
    /// update that changes exactly one row (the code or refresh token still unspent), then the new token is inserted,
    /// all in one short transaction in the SQLite write queue. Null when the update changed nothing: another request
    /// spent the credential first, or a revocation took it. The response carries the plaintext values, the only time they exist.
    /// <paramref name="audience"/> is the resources the token is meant for (RFC 8707), stored form, or null.
    /// </summary>
    public Task<TokenResponse?> SpendAndIssueAsync(
        Func<Task<int>> spend, long grantId, Client client, string? userId, IReadOnlyList<Scope> scopes, string? dpopJkt, string? audience,
        CancellationToken cancellationToken) =>
        writes.RunAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await spend() != 1)
            {
                return null;
            }

            var response = Issue(grantId, client, userId, scopes, dpopJkt, audience);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (TokenResponse?)response;
        }, cancellationToken);

    /// <summary>
    /// Adds a new token of an existing grant (bound to <paramref name="dpopJkt"/>'s key when a DPoP proof came with the
    /// request) for the caller to save, and returns the response that carries its plaintext
    /// values, the only time they exist. A refresh token comes with it when the client may use the refresh_token grant
    /// and <see cref="RequireOfflineAccessForRefreshTokens"/> allows it.
    /// </summary>
    public TokenResponse Issue(long grantId, Client client, string? userId, IReadOnlyList<Scope> scopes, string? dpopJkt = null, string? audience = null) =>
        Add(new AccessToken { GrantId = grantId, ClientId = client.Id, UserId = userId, DpopJkt = dpopJkt, Audience = audience }, scopes,
            RequireAllowedGrantType.Allows(client, OAuthParameterNames.GrantRefreshToken));

    /// <summary>
    /// Adds the first token of a grant added to the same context (see <see cref="GrantFamily.Start"/>), for the caller to
    /// save with it: client_credentials (<paramref name="refreshAllowed"/> false), tests and the benchmark seeder, in batches.
    /// The token is meant for the grant's resources (RFC 8707), if it has any.
    /// </summary>
    public TokenResponse Issue(Grant newGrant, IReadOnlyList<Scope> scopes, bool refreshAllowed = true, string? dpopJkt = null) =>
        Add(new AccessToken { Grant = newGrant, ClientId = newGrant.ClientId, UserId = newGrant.UserId, DpopJkt = dpopJkt, Audience = newGrant.Resources },
            scopes, refreshAllowed);

    private TokenResponse Add(AccessToken token, IReadOnlyList<Scope> scopes, bool refreshAllowed)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var accessToken = TokenGenerator.NewSecret();
        var refreshToken = refreshAllowed && RequireOfflineAccessForRefreshTokens.Allows(scopes, settings.AccessTokensRefreshable)
            ? TokenGenerator.NewSecret()
            : null;
        var scopeNames = string.Join(' ', scopes.Select(s => s.Name));
        db.Scopes.AttachRange(scopes.Where(s => db.Entry(s).State == EntityState.Detached));
        token.TokenHash = SecretHasher.Hash(accessToken);
        token.RefreshTokenHash = refreshToken is null ? null : SecretHasher.Hash(refreshToken);
        token.Scopes = scopes.ToList();
        token.ScopeNames = scopeNames;
        token.CreatedAt = now;
        token.ExpiresAt = now + settings.AccessTokenLifetime;
        token.RefreshExpiresAt = refreshToken is null ? null : now + settings.RefreshTokenLifetime;
        token.Refreshable = refreshToken is not null;
        db.AccessTokens.Add(token);
        // RFC 9449 §5: a token bound to a DPoP key is of type DPoP.
        var tokenType = token.DpopJkt is null ? OAuthParameterNames.TokenTypeBearer : OAuthParameterNames.TokenTypeDpop;
        return new TokenResponse(accessToken, tokenType, (long)settings.AccessTokenLifetime.TotalSeconds, scopeNames, refreshToken);
    }
}
