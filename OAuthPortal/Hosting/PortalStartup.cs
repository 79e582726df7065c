using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.Management.Security;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.Hosting;

/// <summary>What runs before the portal serves, after the migrations (<c>MigratePortalDatabaseAsync</c>, in Data/).</summary>
public static class PortalStartup
{
    /// <summary>
    /// What every database has: the scopes OpenID Connect defines (<c>openid</c>, <c>profile</c> — also the sample
    /// API's scope —, <c>email</c>, <c>offline_access</c>), so a fresh portal can be tried at once.
    /// </summary>
    public static async Task SeedBuiltInDataAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            // Database:MigrateOnStart=false and not migrated yet: `migrate` creates them.
            app.Logger.LogWarning("The database has pending migrations: the built-in scopes were not created. Run `migrate`.");
            return;
        }

        await BuiltInScopes.EnsureAsync(db);
    }

    /// <summary>Logs each RFC 9700 control and its setting; the ones that are off as warnings.</summary>
    public static void LogSecurityPosture(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OAuthPortal.SecurityPosture");
        foreach (var control in app.Services.GetRequiredService<ISecurityPosture>().Controls())
        {
            logger.Log(control.Enforced ? LogLevel.Information : LogLevel.Warning, "{Control}: {Setting} ({Reference}){Off}",
                control.Control, control.Setting, control.Reference, control.Enforced ? "" : " - NOT ENFORCED");
        }
    }
}
