using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.Management.Security;

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
        await BuiltInScopes.EnsureAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
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
