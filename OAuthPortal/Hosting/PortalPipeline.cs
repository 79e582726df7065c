using OAuthPortal.Data;

namespace OAuthPortal.Hosting;

public static class PortalPipeline
{
    /// <summary>Applies pending migrations when Database:MigrateOnStart is true (the default).</summary>
    public static async Task MigratePortalDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        if (options.MigrateOnStart)
        {
            await scope.ServiceProvider.GetRequiredService<PortalDatabaseMigrator>().MigrateAsync();
        }
    }

    /// <summary>The middleware, in order.</summary>
    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ForwardedHeadersSettings>().Enabled)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/Status/{0}");
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Every endpoint: static assets, pages.</summary>
    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}
