using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Distributed;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.Management;

/// <summary>
/// Hands a new secret (a client secret, an initial access token) from the POST that made it to the one page view that
/// shows it (Post/Redirect/Get): kept briefly in the server's cache under a random handle bound to the user and to what
/// the secret belongs to (its <c>subject</c>: a client_id, <see cref="InitialAccessTokenSubject"/>), and removed on first
/// read, so neither a reload, the back button nor a replayed cookie shows it again. Only the handle travels in TempData.
/// </summary>
public sealed class OneTimeSecrets(IDistributedCache cache)
{
    private static readonly DistributedCacheEntryOptions Expiry = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) };

    /// <summary>The subject of initial access token <paramref name="id"/> (never equal to a client_id, which has no colon).</summary>
    public static string InitialAccessTokenSubject(long id) => $"initial-access-token:{id}";

    /// <returns>The handle to carry to the page that shows the secret.</returns>
    public async Task<string> StoreAsync(string userId, string subject, string secret, CancellationToken cancellationToken)
    {
        var handle = TokenGenerator.NewClientId();
        await cache.SetStringAsync(Key(userId, subject, handle), secret, Expiry, cancellationToken);
        return handle;
    }

    /// <summary>The secret, the first time only; null afterwards, or for another user or subject.</summary>
    public async Task<string?> TakeAsync(string userId, string subject, string? handle, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(handle))
        {
            return null;
        }

        var key = Key(userId, subject, handle);
        var secret = await cache.GetStringAsync(key, cancellationToken);
        await cache.RemoveAsync(key, cancellationToken);
        return secret;
    }

    private static string Key(string userId, string subject, string handle) =>
        "secret:" + Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{userId}\n{subject}\n{handle}")));
}
