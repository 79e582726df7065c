using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Secrets;

/// <summary>
/// A JWT that may be used once (a DPoP proof, RFC 9449 §11.1; a client assertion, RFC 7523 §3): its <c>jti</c>, under
/// its kind and issuer (or key), is recorded as a <see cref="UsedJwtId"/> row with a unique key, so a second use fails
/// on every instance, and the row is kept until the JWT would be refused anyway (then pruned).
/// </summary>
public sealed class OneTimeJwtIds(PortalDbContext db, DatabaseWriteGate writes)
{
    /// <summary>True the first time; false when this jti was used already.</summary>
    public Task<bool> TryUseAsync(string kind, string issuer, string jti, DateTime keepUntil, CancellationToken cancellationToken = default)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{issuer}\n{jti}"));
        return writes.RunAsync(async () =>
        {
            try
            {
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO \"UsedJwtIds\" (\"Key\", \"ExpiresAt\") VALUES ({key}, {keepUntil})", cancellationToken);
                return true;
            }
            catch (Exception exception) when (DuplicateKey.Is(exception))
            {
                return false;
            }
        }, cancellationToken);
    }
}
