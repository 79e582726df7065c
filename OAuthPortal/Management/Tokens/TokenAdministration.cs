using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Management.Tokens;

/// <summary>Finding and revoking tokens on behalf of administrators and users. Revocations are effective on the next request.</summary>
public sealed class TokenAdministration(PortalDbContext db, TokenLookup lookup, IOAuthEvents events, TimeProvider clock)
{
    public async Task<PagedList<TokenListItem>> SearchAsync(TokenSearch search, int page, CancellationToken cancellationToken = default)
    {
        page = PagedList.Clamp(page);
        var now = clock.GetUtcNow().UtcDateTime;
        var tokens = db.AccessTokens.AsNoTracking();
        if (search.TokenId is { } tokenId)
        {
            tokens = tokens.Where(t => t.Id == tokenId);
        }

        if (!string.IsNullOrWhiteSpace(search.UserId))
        {
            tokens = tokens.Where(t => t.UserId == search.UserId);
        }

        if (!string.IsNullOrWhiteSpace(search.UserEmail))
        {
            var email = search.UserEmail.Trim().ToUpperInvariant();
            tokens = tokens.Where(t => t.User!.NormalizedEmail!.Contains(email));
        }

        if (!string.IsNullOrWhiteSpace(search.ClientId))
        {
            tokens = tokens.Where(t => t.ClientId == search.ClientId);
        }

        if (!string.IsNullOrWhiteSpace(search.Client))
        {
            var client = search.Client.Trim();
            tokens = tokens.Where(t => t.ClientId == client || t.Client!.Name.ToUpper().Contains(client.ToUpper()));
        }

        tokens = search.Holder switch
        {
            TokenHolder.User => tokens.Where(t => t.UserId != null),
            TokenHolder.Machine => tokens.Where(t => t.UserId == null),
            _ => tokens,
        };

        if (!string.IsNullOrWhiteSpace(search.Scope))
        {
            var scope = search.Scope.Trim();
            tokens = tokens.Where(t => t.Scopes.Any(s => s.Name == scope));
        }

        tokens = search.Status switch
        {
            TokenStatus.Revoked => tokens.Where(t => t.RevokedAt != null),
            TokenStatus.Active => tokens.Where(TokenQueries.ActiveAt(now)),
            TokenStatus.Expired => tokens.Where(t => t.RevokedAt == null && t.ExpiresAt <= now && (!t.Refreshable || t.RefreshExpiresAt <= now)),
            _ => tokens,
        };

        var total = await tokens.CountAsync(cancellationToken);
        var rows = await tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Page(page)
            .Select(t => new
            {
                t.Id, t.ClientId, ClientName = t.Client!.Name, t.UserId, t.User!.Email, t.ScopeNames, t.CreatedAt, t.ExpiresAt,
                t.RefreshExpiresAt, t.Refreshable, t.RevokedAt, t.RevocationReason, t.Grant!.Kind, DpopBound = t.DpopJkt != null,
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(t => new TokenListItem(t.Id, t.ClientId, t.ClientName, t.UserId, t.Email, t.ScopeNames, t.CreatedAt, t.ExpiresAt,
            t.RefreshExpiresAt, StatusOf(t.RevokedAt, t.ExpiresAt, t.Refreshable, t.RefreshExpiresAt, now), t.RevokedAt, t.RevocationReason, t.Kind,
            t.DpopBound)).ToList();
        return new PagedList<TokenListItem>(items, page, total);
    }

    /// <summary>One token as the admin tables show it, or null when there is none.</summary>
    public async Task<TokenListItem?> FindAsync(long tokenId, CancellationToken cancellationToken = default) =>
        (await SearchAsync(new TokenSearch { TokenId = tokenId }, 1, cancellationToken)).Items.SingleOrDefault();

    /// <summary>How many live tokens match <paramref name="search"/> (what a revocation of them all would revoke).</summary>
    public async Task<int> CountActiveAsync(TokenSearch search, CancellationToken cancellationToken = default) =>
        (await SearchAsync(search with { Status = TokenStatus.Active }, 1, cancellationToken)).TotalCount;

    /// <summary>
    /// The id of the token whose access or refresh token is <paramref name="value"/> (looked up by its hash, as the
    /// revocation endpoint does), or null when there is none.
    /// </summary>
    public async Task<long?> FindIdByValueAsync(string value, CancellationToken cancellationToken = default) =>
        (await lookup.FindAsync(value, hint: null, cancellationToken)).Token?.Id;

    /// <summary>Whether a token with this id exists (revoked or not).</summary>
    public Task<bool> ExistsAsync(long tokenId, CancellationToken cancellationToken = default) =>
        db.AccessTokens.AnyAsync(t => t.Id == tokenId, cancellationToken);

    /// <summary>Revokes one token; false when it does not exist or was revoked already.</summary>
    public async Task<bool> RevokeAsync(long tokenId, string actor, TokenRevocationReason reason, CancellationToken cancellationToken = default)
    {
        var token = await db.AccessTokens.AsNoTracking().Where(t => t.Id == tokenId).Select(t => new { t.ClientId, t.UserId }).SingleOrDefaultAsync(cancellationToken);
        if (token is null || await Revoke(db.AccessTokens.Where(t => t.Id == tokenId), reason, cancellationToken) == 0)
        {
            return false;
        }

        await events.TokenRevokedAsync(new TokenRevokedEvent(tokenId, token.ClientId, token.UserId, actor));
        return true;
    }

    /// <summary>Revokes every live token of a user (and its pending codes, and device codes they approved); returns how many tokens.</summary>
    public Task<int> RevokeAllOfUserAsync(string userId, string userEmail, string actor, CancellationToken cancellationToken = default) =>
        RevokeManyAsync(db.AccessTokens.Where(t => t.UserId == userId), db.AuthorizationCodes.Where(c => c.UserId == userId),
            db.DeviceCodes.Where(c => c.UserId == userId), $"user:{userEmail}", actor, TokenRevocationReason.RevokedByAdmin, cancellationToken);

    /// <summary>Revokes every live token of a client, machine tokens included (and its pending codes and device codes); returns how many tokens.</summary>
    public Task<int> RevokeAllOfClientAsync(string clientId, string actor, CancellationToken cancellationToken = default) =>
        RevokeManyAsync(db.AccessTokens.Where(t => t.ClientId == clientId), db.AuthorizationCodes.Where(c => c.ClientId == clientId),
            db.DeviceCodes.Where(c => c.ClientId == clientId), $"client:{clientId}", actor, TokenRevocationReason.RevokedByAdmin, cancellationToken);

    /// <summary>
    /// Revokes every live token one user holds for one client (and its pending codes, and device codes the user approved
    /// that the device has not yet exchanged); returns how many tokens.
    /// </summary>
    public Task<int> RevokeAllOfUserForClientAsync(string userId, string clientId, string actor, TokenRevocationReason reason, CancellationToken cancellationToken = default) =>
        RevokeManyAsync(db.AccessTokens.Where(t => t.UserId == userId && t.ClientId == clientId),
            db.AuthorizationCodes.Where(c => c.UserId == userId && c.ClientId == clientId),
            db.DeviceCodes.Where(c => c.UserId == userId && c.ClientId == clientId),
            $"client:{clientId}", actor, reason, cancellationToken);

    private async Task<int> RevokeManyAsync(
        IQueryable<AccessToken> tokens, IQueryable<AuthorizationCode> codes, IQueryable<DeviceCode> deviceCodes, string target, string actor,
        TokenRevocationReason reason, CancellationToken cancellationToken)
    {
        // Codes not yet exchanged would still turn into tokens. Deleted, not spent: spending would make a later
        // exchange look like a replay (no token descends from an unspent code, so nothing else refers to it).
        // Codes first: an exchange racing with this either finds its code gone, or has committed its token before
        // the revocation below looks for tokens. A device code not yet exchanged is declined instead (its device is
        // told access_denied at its next poll): the same race, won by the conditional update that spends it or by this one.
        await codes.Where(c => c.ConsumedAt == null).ExecuteDeleteAsync(cancellationToken);
        await deviceCodes.Where(c => c.ConsumedAt == null && c.Status != DeviceCodeStatus.Denied)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, DeviceCodeStatus.Denied), cancellationToken);
        var revoked = await Revoke(tokens, reason, cancellationToken);
        await events.TokensRevokedAsync(new TokensRevokedEvent(target, revoked, actor));
        return revoked;
    }

    private Task<int> Revoke(IQueryable<AccessToken> tokens, TokenRevocationReason reason, CancellationToken cancellationToken) =>
        tokens.RevokeAsync(clock.GetUtcNow().UtcDateTime, reason, cancellationToken);

    private static TokenStatus StatusOf(DateTime? revokedAt, DateTime expiresAt, bool refreshable, DateTime? refreshExpiresAt, DateTime now) =>
        revokedAt is not null ? TokenStatus.Revoked
        : expiresAt > now || (refreshable && refreshExpiresAt > now) ? TokenStatus.Active
        : TokenStatus.Expired;
}
