namespace OAuthPortal.Hosting.Telemetry;

/// <summary>
/// Settings of section <c>Portal:Telemetry:Prometheus</c>: the scraping endpoint <see cref="Path"/>, off by default.
/// When on, it answers only callers from <see cref="AllowedNetworks"/> (loopback when none are listed) or presenting
/// <see cref="BearerToken"/>; anyone else gets the ordinary 404 page, as if it did not exist.
/// </summary>
public sealed class PrometheusSettings
{
    public const string Path = "/metrics";

    public bool Enabled { get; set; }

    /// <summary>Networks in CIDR form ("10.0.0.0/8") or single addresses allowed to scrape; loopback when empty.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>A secret (at least 32 characters) a scraper may send as <c>Authorization: Bearer ...</c> from anywhere; none when empty.</summary>
    public string? BearerToken { get; set; }
}
