using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Distributed;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.Management.Clients;

/// <summary>
/// Hands a new client secret from the POST that made it to the one page view that shows it (Post/Redirect/Get):
/// kept briefly in the server's cache under a random handle bound to the user and client, and removed on first read,
/// so neither a reload, the back button nor a replayed cookie shows it again. Only the handle travels in TempData.
/// </summary>
public sealed class OneTimeSecrets(IDistributedCache cache)
{
    private static readonly DistributedCacheEntryOptions Expiry = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) };

    /// <returns>The handle to carry to the secret page.</returns>
    public async Task<string> StoreAsync(string userId, string clientId, string secret, CancellationToken cancellationToken)
    {
        var handle = TokenGenerator.NewClientId();
        await cache.SetStringAsync(Key(userId, clientId, handle), secret, Expiry, cancellationToken);
        return handle;
    }

    /// <summary>The secret, the first time only; null afterwards, or for another user or client.</summary>
    public async Task<string?> TakeAsync(string userId, string clientId, string? handle, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(handle))
        {
            return null;
        }

        var key = Key(userId, clientId, handle);
        var secret = await cache.GetStringAsync(key, cancellationToken);
        await cache.RemoveAsync(key, cancellationToken);
        return secret;
    }

    private static string Key(string userId, string clientId, string handle) =>
        "secret:" + Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{userId}\n{clientId}\n{handle}")));
}
