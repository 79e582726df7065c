using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token;

/// <summary>Finds a token row by the hash of an access or refresh token value: one indexed lookup per hint.</summary>
public sealed class TokenLookup(PortalDbContext db)
{
    /// <summary>The row and whether <paramref name="value"/> is its refresh token; the hint (RFC 7009 §2.1) only orders the lookups.</summary>
    public async Task<(AccessToken? Token, bool IsRefreshToken)> FindAsync(string value, string? hint, CancellationToken cancellationToken)
    {
        var hash = SecretHasher.Hash(value);
        var refreshFirst = hint == P.RefreshToken;
        foreach (var asRefresh in new[] { refreshFirst, !refreshFirst })
        {
            var query = db.AccessTokens.AsNoTracking().Include(t => t.User);
            var token = asRefresh
                ? await query.SingleOrDefaultAsync(t => t.RefreshTokenHash == hash, cancellationToken)
                : await query.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
            if (token is not null)
            {
                return (token, asRefresh);
            }
        }

        return (null, false);
    }
}
