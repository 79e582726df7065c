namespace OAuthPortal.Hosting.Telemetry;

/// <summary>
/// Settings of section <c>Portal:Telemetry</c> (validated on start by <see cref="TelemetrySettingsValidator"/>): the
/// Prometheus scraping endpoint and the OTLP exporter, both off by default, and how often the active-token gauge may
/// count. The portal's instruments themselves always exist (<c>PortalMetrics</c>); nothing listens to them unless an
/// exporter is on.
/// </summary>
public sealed class TelemetrySettings
{
    public const string SectionName = "Portal:Telemetry";

    public PrometheusSettings Prometheus { get; set; } = new();

    public OtlpSettings Otlp { get; set; } = new();

    /// <summary>The active-token gauge counts in the database at most this often (a scrape reads the last count).</summary>
    public TimeSpan ActiveTokensRefresh { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether any exporter is on (only then is OpenTelemetry started at all).</summary>
    public bool AnyExporter => Prometheus.Enabled || Otlp.Enabled;
}
