using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth;

namespace OAuthPortal.Tests.Support;

/// <summary>Reads token rows by their plaintext values (through the hash, as the server does).</summary>
public static class TestTokens
{
    public static Task<AccessToken?> ByAccessTokenAsync(PortalFactory factory, string accessToken) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AccessTokens.AsNoTracking().Include(t => t.Scopes)
            .SingleOrDefaultAsync(t => t.TokenHash == SecretHasher.Hash(accessToken)));

    public static async Task<bool> IsRevokedAsync(PortalFactory factory, string accessToken) =>
        (await ByAccessTokenAsync(factory, accessToken))!.RevokedAt is not null;
}
