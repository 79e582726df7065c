using Microsoft.Extensions.Options;
using OAuthPortal.OAuth.Events;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OAuthPortal.Hosting.Telemetry;

/// <summary>
/// Metrics, traces and request ids. The portal's own instruments (<see cref="PortalMetrics"/>, meter "OAuthPortal")
/// count always; OpenTelemetry starts only when an exporter is on (<see cref="TelemetrySettings"/>): the Prometheus
/// scraping endpoint, or OTLP to a collector. Then ASP.NET Core's, Identity's and EF Core's meters are exported too,
/// and with OTLP the traces of requests and database commands (and, as UseOtlpExporter does, the logs).
/// </summary>
public static class PortalTelemetry
{
    public const string ServiceName = "OAuthPortal";

    /// <summary>The meters exported besides the portal's own (ASP.NET Core's come with its instrumentation).</summary>
    private static readonly string[] FrameworkMeters = ["Microsoft.AspNetCore.Identity", "Microsoft.EntityFrameworkCore"];

    public static WebApplicationBuilder AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetrySettings>().BindConfiguration(TelemetrySettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetrySettings>, TelemetrySettingsValidator>();
        services.AddSingleton<MetricsEndpointAccess>();
        services.AddSingleton<ActiveTokensGauge>();

        // Which exporters exist is decided once, here; their settings are validated on start with the rest.
        var settings = builder.Configuration.GetSection(TelemetrySettings.SectionName).Get<TelemetrySettings>() ?? new();
        if (!settings.AnyExporter)
        {
            return builder; // nothing listens: each increment is a check of an empty listener list
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(PortalMetrics.MeterName).AddMeter(FrameworkMeters).AddAspNetCoreInstrumentation()
                .AddInstrumentation(provider => provider.GetRequiredService<ActiveTokensGauge>()); // the gauge exists from the start
            if (settings.Prometheus.Enabled)
            {
                metrics.AddPrometheusExporter();
            }
        });
        if (settings.Otlp.Enabled && Uri.TryCreate(settings.Otlp.Endpoint, UriKind.Absolute, out var endpoint))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsPlumbing(context.Request.Path))
                .AddEntityFrameworkCoreInstrumentation());
            telemetry.UseOtlpExporter(settings.Otlp.Protocol == OtlpSettings.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc, endpoint);
        }

        return builder;
    }

    /// <summary>The outermost middleware: the request id in a header and in a logging scope (<see cref="RequestIdScope"/>).</summary>
    public static WebApplication UseRequestIds(this WebApplication app)
    {
        app.UseMiddleware<RequestIdScope>();
        return app;
    }

    /// <summary>
    /// The Prometheus scraping endpoint when Portal:Telemetry:Prometheus:Enabled: answered for allowed callers only
    /// (<see cref="MetricsEndpointAccess"/>); any other request for it goes on to the 404 page like any unknown address.
    /// </summary>
    public static WebApplication UseMetricsEndpoint(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TelemetrySettings>>().Value.Prometheus.Enabled)
        {
            var access = app.Services.GetRequiredService<MetricsEndpointAccess>();
            app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null,
                predicate: context => context.Request.Path == PrometheusSettings.Path && access.Allows(context),
                path: null, configureBranchedPipeline: null, optionsName: null);
        }

        return app;
    }

    /// <summary>Scrapes and probes: not worth a trace each.</summary>
    private static bool IsPlumbing(PathString path) =>
        path == PrometheusSettings.Path || path == PortalHealth.HealthPath || path == PortalHealth.ReadinessPath;
}
