using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OAuthPortal.Data;

namespace OAuthPortal.Hosting;

/// <summary>
/// /healthz: the process answers (constant JSON). /readyz: the database answers reads and takes writes (ASP.NET Core
/// health checks; <see cref="DatabaseWriteProbe"/>), so a load balancer stops sending traffic while writes cannot get through.
/// </summary>
public static class PortalHealth
{
    public const string HealthPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    public static IServiceCollection AddPortalHealth(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseWriteProbe>();
        services.AddHealthChecks()
            .AddDbContextCheck<PortalDbContext>("database")
            .AddCheck<DatabaseWriteProbe>("database-writes");
        return services;
    }

    public static WebApplication MapPortalHealth(this WebApplication app)
    {
        app.MapGet(HealthPath, () => Results.Json(new { status = "ok" })).ExcludeFromDescription();
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                }));
            },
        });
        return app;
    }
}
