using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Oidc.Keys;

/// <summary>What runs before the portal serves, after the migrations: the ring gets its first keys.</summary>
public static class SigningKeyStartup
{
    /// <summary>
    /// Gives a fresh database an active RS256 and ES256 key before the first request. A database that is not migrated
    /// yet (Database:MigrateOnStart=false) is left alone with a warning: the background check creates the keys within a
    /// minute of `migrate`.
    /// </summary>
    public static async Task EnsureSigningKeysAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        if ((await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.GetPendingMigrationsAsync()).Any())
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SigningKeyStartup))
                .LogWarning("The database has pending migrations: no signing keys were created. Run `migrate`; the keys follow within a minute.");
            return;
        }

        try
        {
            await scope.ServiceProvider.GetRequiredService<SigningKeyRotation>().EnsureAsync();
        }
        catch (Exception exception) when (DatabaseUnavailable.Is(exception))
        {
            // Busy or away for a moment (another instance starting on the same file, a failover): the background check,
            // every minute, makes the keys; until then no id_token can be signed.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SigningKeyStartup))
                .LogWarning("The database did not take the first signing keys ({Reason}); the background check will.", exception.GetBaseException().Message);
        }
    }
}
