using Microsoft.Extensions.Options;
using OAuthPortal.Api;
using OAuthPortal.Management.Scopes;
using OAuthPortal.Management.Security;

namespace OAuthPortal.Hosting;

/// <summary>What runs before the portal serves, after the migrations (<c>MigratePortalDatabaseAsync</c>, in Data/).</summary>
public static class PortalStartup
{
    /// <summary>Development only: the <c>profile</c> scope used by the sample API, so a fresh portal can be tried at once.</summary>
    public static async Task SeedDevelopmentDataAsync(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var scopes = scope.ServiceProvider.GetRequiredService<ScopeCatalog>();
        if ((await scopes.ListAsync()).All(s => s.Name != PortalApi.ProfileScope))
        {
            await scopes.CreateAsync(PortalApi.ProfileScope, "See your account id and e-mail address.");
        }
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
