using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.Management;

/// <summary>
/// Hands a new secret (a client secret, an initial access token) from the POST that made it to the one page view that
/// shows it (Post/Redirect/Get), whichever instance serves that view: kept for <see cref="Lifetime"/> as a
/// <see cref="HandedOverSecret"/> row, encrypted with Data Protection (whose key ring every instance shares), under a
/// hash of the user, what the secret belongs to (its <c>subject</c>: a client_id, <see cref="InitialAccessTokenSubject"/>)
/// and a random handle; and deleted on first read, so neither a reload, the back button, a replayed cookie nor two
/// reads at once show it again. Only the handle travels in TempData.
/// </summary>
public sealed class OneTimeSecrets(PortalDbContext db, IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>How long a secret waits for its page view.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = protection.CreateProtector("OAuthPortal.OneTimeSecrets.v1");

    /// <summary>The subject of initial access token <paramref name="id"/> (never equal to a client_id, which has no colon).</summary>
    public static string InitialAccessTokenSubject(long id) => $"initial-access-token:{id}";

    /// <returns>The handle to carry to the page that shows the secret.</returns>
    public async Task<string> StoreAsync(string userId, string subject, string secret, CancellationToken cancellationToken)
    {
        var handle = TokenGenerator.NewClientId();
        var key = Key(userId, subject, handle);
        var value = _protector.Protect(secret);
        var expiresAt = clock.GetUtcNow().UtcDateTime + Lifetime;
        // A statement of its own: the request's tracked entities are neither saved nor touched.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"HandedOverSecrets\" (\"Key\", \"ProtectedValue\", \"ExpiresAt\") VALUES ({key}, {value}, {expiresAt})", cancellationToken);
        return handle;
    }

    /// <summary>
    /// The secret, the first time only (the read that deletes the row gets it); null afterwards, once expired, or for
    /// another user or subject.
    /// </summary>
    public async Task<string?> TakeAsync(string userId, string subject, string? handle, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(handle))
        {
            return null;
        }

        var key = Key(userId, subject, handle);
        var row = await db.HandedOverSecrets.AsNoTracking().Where(s => s.Key == key)
            .Select(s => new { s.ProtectedValue, s.ExpiresAt }).FirstOrDefaultAsync(cancellationToken);
        if (row is null || row.ExpiresAt <= clock.GetUtcNow().UtcDateTime)
        {
            return null;
        }

        // Decrypted before the row goes: a value this instance cannot read (a key ring it does not share) throws here
        // and stays for an instance that can, instead of being deleted unseen.
        var secret = _protector.Unprotect(row.ProtectedValue);
        return await db.HandedOverSecrets.Where(s => s.Key == key).ExecuteDeleteAsync(cancellationToken) == 1 ? secret : null;
    }

    /// <summary>Deletes the secrets nobody came for in time.</summary>
    public Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.HandedOverSecrets.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private static byte[] Key(string userId, string subject, string handle) =>
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{userId}\n{subject}\n{handle}"));
}
