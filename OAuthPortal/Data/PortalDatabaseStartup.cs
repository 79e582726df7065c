using Microsoft.Extensions.Options;

namespace OAuthPortal.Data;

/// <summary>What runs before the portal serves or a CLI command works: configuration checks, then migrations.</summary>
public static class PortalDatabaseStartup
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
}
