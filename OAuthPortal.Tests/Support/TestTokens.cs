using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Tests.Support;

/// <summary>Reads token rows by their plaintext values (through the hash, as the server does).</summary>
public static class TestTokens
{
    public static Task<AccessToken?> ByAccessTokenAsync(PortalFactory factory, string accessToken) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AccessTokens.AsNoTracking().Include(t => t.Scopes)
            .SingleOrDefaultAsync(t => t.TokenHash == SecretHasher.Hash(accessToken)));

    /// <summary>Issues a token pair for a client and user straight through the core (no browser flow), as a grant would.</summary>
    public static Task<TokenResponse> IssueAsync(PortalFactory factory, string clientId, string userId) =>
        factory.WithScopeAsync(async s =>
        {
            var grant = s.GetRequiredService<GrantFamily>().Start(GrantKind.AuthorizationCode, clientId, userId, []);
            var response = s.GetRequiredService<TokenIssuer>().Issue(grant, []);
            await s.GetRequiredService<PortalDbContext>().SaveChangesAsync();
            return response;
        });

    /// <summary>
    /// Issues a token for a grant with <paramref name="userId"/> (null: a grant without a user, as client_credentials
    /// makes) carrying the named scopes, straight through the core; returns the access token.
    /// </summary>
    public static Task<string> IssueWithScopesAsync(PortalFactory factory, string clientId, string? userId, params string[] scopeNames) =>
        factory.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            var scopes = await db.Scopes.Where(x => scopeNames.Contains(x.Name)).ToListAsync();
            var kind = userId is null ? GrantKind.ClientCredentials : GrantKind.AuthorizationCode;
            var response = s.GetRequiredService<TokenIssuer>().Issue(s.GetRequiredService<GrantFamily>().Start(kind, clientId, userId, scopes), scopes);
            await db.SaveChangesAsync();
            return response.AccessToken;
        });

    public static async Task<bool> IsRevokedAsync(PortalFactory factory, string accessToken) =>
        (await ByAccessTokenAsync(factory, accessToken))!.RevokedAt is not null;
}
