using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.OAuth.Registration;

/// <summary>
/// Initial access tokens (RFC 7591 §3): made by a developer (developer area, CLI), shown once and kept as a SHA-256
/// hash, revocable; a registration takes one use of a token with one conditional UPDATE, so a single-use token, or
/// the last use of a multi-use one, registers exactly one client however many registrations race for it.
/// </summary>
public sealed class InitialAccessTokens(PortalDbContext db, DatabaseWriteGate writes, IOptions<OAuthOptions> options, TimeProvider clock)
{
    /// <summary>A new token for <paramref name="ownerId"/>; the value is returned once and never stored.</summary>
    public async Task<(string Token, InitialAccessToken Row)> CreateAsync(
        string ownerId, string name, TimeSpan? lifetime, bool multiUse, IReadOnlyCollection<string>? allowedGrantTypes, CancellationToken cancellationToken = default)
    {
        var settings = options.Value.Registration;
        var now = clock.GetUtcNow().UtcDateTime;
        var token = TokenGenerator.NewSecret();
        var row = new InitialAccessToken
        {
            TokenHash = SecretHasher.Hash(token),
            OwnerId = ownerId,
            Name = name.Trim(),
            CreatedAt = now,
            ExpiresAt = now + (lifetime ?? settings.DefaultTokenLifetime),
            MultiUse = multiUse,
            MaxClients = multiUse ? settings.MaxClientsPerToken : 1,
            AllowedGrantTypes = allowedGrantTypes is { Count: > 0 } ? string.Join(' ', allowedGrantTypes) : null,
        };
        db.InitialAccessTokens.Add(row);
        await writes.RunAsync(() => db.SaveChangesAsync(cancellationToken), cancellationToken);
        return (token, row);
    }

    /// <summary>The live token <paramref name="presented"/> names (unexpired, unrevoked, uses left), or null; one indexed lookup by hash.</summary>
    public Task<InitialAccessToken?> FindUsableAsync(string presented, CancellationToken cancellationToken = default)
    {
        var hash = SecretHasher.Hash(presented);
        var now = clock.GetUtcNow().UtcDateTime;
        return db.InitialAccessTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null && t.ExpiresAt > now && t.RegisteredClients < t.MaxClients)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Takes one use of the token (one conditional UPDATE); false when it was used up, revoked or expired meanwhile.</summary>
    public async Task<bool> TryUseAsync(long tokenId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await writes.RunAsync(() => db.InitialAccessTokens
            .Where(t => t.Id == tokenId && t.RevokedAt == null && t.ExpiresAt > now && t.RegisteredClients < t.MaxClients)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RegisteredClients, t => t.RegisteredClients + 1), cancellationToken), cancellationToken) == 1;
    }

    /// <summary>Gives back a use taken by <see cref="TryUseAsync"/> for a registration that then failed to save.</summary>
    public Task GiveBackAsync(long tokenId, CancellationToken cancellationToken = default) =>
        writes.RunAsync(() => db.InitialAccessTokens.Where(t => t.Id == tokenId && t.RegisteredClients > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RegisteredClients, t => t.RegisteredClients - 1), cancellationToken), cancellationToken);

    /// <summary>Revokes one of <paramref name="ownerId"/>'s tokens; false when it is not theirs or was revoked already.</summary>
    public async Task<bool> RevokeAsync(string ownerId, long tokenId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await writes.RunAsync(() => db.InitialAccessTokens
            .Where(t => t.Id == tokenId && t.OwnerId == ownerId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken), cancellationToken) == 1;
    }
}
