namespace OAuthPortal.Hosting;

/// <summary>
/// Settings of section <c>Portal:ForwardedHeaders</c>: trust X-Forwarded-For/-Proto from a TLS-terminating
/// proxy, so that OAuth:RequireHttps sees the scheme the client used.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "Portal:ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>Proxy addresses to trust, e.g. "10.0.0.5". Loopback is always trusted.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks to trust in CIDR form, e.g. "10.0.0.0/8".</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in front of the portal to read from the headers.</summary>
    public int ForwardLimit { get; set; } = 1;
}
