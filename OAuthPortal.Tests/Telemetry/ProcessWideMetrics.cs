namespace OAuthPortal.Tests.Telemetry;

/// <summary>
/// Tests that count exactly what a scrape shows: OpenTelemetry's listener sees every meter named "OAuthPortal" in the
/// test process, also those of portals other tests are running, so this collection runs on its own, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    public const string Name = "Process-wide metrics (runs alone)";
}
