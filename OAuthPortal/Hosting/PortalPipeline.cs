using OAuthPortal.Hosting.Telemetry;
using OAuthPortal.OAuth.Bearer;

namespace OAuthPortal.Hosting;

public static class PortalPipeline
{
    /// <summary>The middleware, in order.</summary>
    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        app.UseRequestIds();
        app.UseMiddleware<RequireUsableHost>();
        if (app.Services.GetRequiredService<ForwardedHeadersSettings>().Enabled)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeaders>();
        app.UseMetricsEndpoint();
        app.UseStatusCodePagesWithReExecute("/Status/{0}");
        app.UseMiddleware<DatabaseUnavailableResponses>();
        app.UseMiddleware<FormCharsetGuard>();
        app.UseRouting();
        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOAuthScopes();
        return app;
    }

    /// <summary>Every endpoint: static assets, pages.</summary>
    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        app.MapPortalHealth();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}
