using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.OAuth.Bearer;

/// <summary>
/// Validates bearer-token requests for a set of required scopes (djoauth2 <c>AccessTokenAuthenticator.validate</c>,
/// RFC 6750), in djoauth2's order: TLS, credentials present, well-formed Bearer header, live token, scopes.
/// One indexed lookup by token hash; nothing proportional to the number of tokens.
/// </summary>
public sealed class AccessTokenAuthenticator(
    PortalDbContext db, Dpop.RequireProofOfPossession possession, IOptions<OAuthOptions> options, TimeProvider clock, ILogger<AccessTokenAuthenticator> logger,
    Events.PortalMetrics metrics)
{
    /// <summary>(endpoint, scope) pairs already checked for existence: each is looked up, and warned about, once per process.</summary>
    private static readonly ConcurrentDictionary<(string Endpoint, string Scope), bool> WarnedScopes = new();

    /// <summary>One row by the unique hash index, joined to its client by primary key: the whole cost of a request.</summary>
    private static readonly Func<PortalDbContext, byte[], CancellationToken, Task<TokenRow?>> FindByHash = EF.CompileAsyncQuery(
        (PortalDbContext context, byte[] hash, CancellationToken cancellationToken) => context.AccessTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash)
            .Select(t => new TokenRow(t.Id, t.UserId, t.ClientId, t.Client!.Enabled, t.ExpiresAt, t.RevokedAt, t.ScopeNames, t.DpopJkt, t.Audience))
            .SingleOrDefault());

    /// <summary>The token, or the error to answer with (see <see cref="BearerChallenge"/>).</summary>
    /// <param name="endpoint">Names the protected endpoint in the warning about scopes that do not exist.</param>
    public async Task<(OAuthAccessToken? Token, BearerError? Error)> ValidateAsync(
        BearerRequest request, IReadOnlyCollection<string> requiredScopes, string endpoint, CancellationToken cancellationToken = default)
    {
        if (options.Value.RequireHttps && !request.IsHttps)
        {
            return (null, BearerError.Insecure());
        }

        var (value, dpopScheme, credentialsError) = RequireBearerTokenInHeaderOrBody.Read(request, options.Value.AllowFormBodyBearer);
        if (credentialsError is not null)
        {
            return (null, credentialsError);
        }

        var row = await FindByHash(db, SecretHasher.Hash(value!), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null || row.RevokedAt is not null || row.ExpiresAt <= now || !row.ClientEnabled)
        {
            var reason = row is null ? "unknown" : row.RevokedAt is not null ? "revoked" : row.ExpiresAt <= now ? "expired" : "of a disabled client";
            return (null, BearerError.InvalidToken($"The access token is {reason}."));
        }

        if (Resources.RequireTokenMeantForResource.Check(row.Audience, request.Resource) is { } elsewhere)
        {
            return (null, elsewhere);
        }

        if (await possession.CheckAsync(row.DpopJkt, dpopScheme, value!, request, cancellationToken) is { } unproven)
        {
            return (null, unproven);
        }

        var scopes = row.ScopeNames.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var missing = requiredScopes.Where(s => !scopes.Contains(s, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            return (null, await InsufficientScopeAsync(row.UserId, missing, requiredScopes, endpoint, cancellationToken));
        }

        metrics.BearerAccepted(); // refusals are counted where they are answered (BearerChallenge)
        return (new OAuthAccessToken(row.Id, row.UserId, row.ClientId, scopes, row.ExpiresAt), null);
    }

    /// <summary>
    /// RFC 6750 §3.1 insufficient_scope, saying why when the token has no user (client_credentials) and a missing scope
    /// is user-only: no such token can ever call this resource. A missing scope that does not exist is warned about.
    /// </summary>
    public async Task<BearerError> InsufficientScopeAsync(
        string? userId, IReadOnlyCollection<string> missing, IReadOnlyCollection<string> requiredScopes, string endpoint, CancellationToken cancellationToken)
    {
        await WarnAboutUndefinedScopesAsync(missing, endpoint, cancellationToken);
        var userOnly = userId is null
            ? await db.Scopes.AsNoTracking().Where(s => missing.Contains(s.Name) && s.UserOnly).Select(s => s.Name).ToListAsync(cancellationToken)
            : [];
        return userOnly.Count == 0
            ? BearerError.InsufficientScope(requiredScopes)
            : BearerError.InsufficientScope(requiredScopes,
                $"This resource acts for a user: it requires {string.Join(", ", userOnly.Select(n => $"'{n}'"))}, which only a user can grant, " +
                "and this access token has no user (client_credentials).");
    }

    /// <summary>A required scope that does not exist is a configuration error: logged once per endpoint, answered as insufficient scope.</summary>
    private async Task WarnAboutUndefinedScopesAsync(IReadOnlyCollection<string> missing, string endpoint, CancellationToken cancellationToken)
    {
        var notYetChecked = missing.Where(s => !WarnedScopes.ContainsKey((endpoint, s))).ToList();
        if (notYetChecked.Count == 0)
        {
            return;
        }

        var existing = await db.Scopes.AsNoTracking().Where(s => notYetChecked.Contains(s.Name)).Select(s => s.Name).ToListAsync(cancellationToken);
        foreach (var scope in notYetChecked.Where(s => WarnedScopes.TryAdd((endpoint, s), true)).Except(existing, StringComparer.Ordinal))
        {
            logger.LogWarning("Endpoint {Endpoint} requires scope '{Scope}', which does not exist: no token can call it. Create the scope or fix the endpoint.",
                endpoint, scope);
        }
    }

    private sealed record TokenRow(long Id, string? UserId, string ClientId, bool ClientEnabled, DateTime ExpiresAt, DateTime? RevokedAt, string ScopeNames, string? DpopJkt, string? Audience);
}
