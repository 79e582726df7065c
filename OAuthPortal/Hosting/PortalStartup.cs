using Microsoft.Extensions.Options;
using OAuthPortal.Api;
using OAuthPortal.Data;
using OAuthPortal.Management.Scopes;

namespace OAuthPortal.Hosting;

/// <summary>What runs before the portal serves or a CLI command works: configuration checks, then migrations.</summary>
public static class PortalStartup
{
    /// <summary>
    /// Validates every option (so a misconfigured portal refuses to start before it touches the database), then
    /// applies pending migrations when Database:MigrateOnStart is true (the default).
    /// </summary>
    public static async Task MigratePortalDatabaseAsync(this IServiceProvider services)
    {
        services.GetService<IStartupValidator>()?.Validate();
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.MigrateOnStart)
        {
            await scope.ServiceProvider.GetRequiredService<PortalDatabaseMigrator>().MigrateAsync();
        }
    }

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
        foreach (var control in app.Services.GetRequiredService<SecurityPosture>().Controls())
        {
            logger.Log(control.Enforced ? LogLevel.Information : LogLevel.Warning, "{Control}: {Setting} ({Reference}){Off}",
                control.Control, control.Setting, control.Reference, control.Enforced ? "" : " - NOT ENFORCED");
        }
    }
}
