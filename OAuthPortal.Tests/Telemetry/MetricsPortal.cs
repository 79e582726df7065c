using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Tests.Support;
using OpenTelemetry.Exporter;

namespace OAuthPortal.Tests.Telemetry;

/// <summary>
/// A portal with the Prometheus endpoint on, scraped with its bearer secret (TestServer has no peer address, so no
/// request comes from an allowed network unless <see cref="Peer"/> gives it one), and the samples of a scrape.
/// </summary>
public static partial class MetricsPortal
{
    public const string Secret = "test-scrape-secret-0123456789abcdefghijklmnop";

    /// <param name="peer">The address every request comes from (null: none, as TestServer sends).</param>
    public static PortalFactory Create(IDictionary<string, string?>? settings = null, IPAddress? peer = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Portal:Telemetry:Prometheus:Enabled"] = "true",
            ["Portal:Telemetry:Prometheus:BearerToken"] = Secret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return PortalFactory.With(all, configureServices: services =>
        {
            // Every scrape is fresh (the exporter otherwise answers from a 300 ms cache).
            services.Configure<PrometheusAspNetCoreOptions>(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
            if (peer is not null)
            {
                services.AddSingleton<IStartupFilter>(new Peer(peer));
            }
        });
    }

    public static async Task<HttpResponseMessage> GetAsync(PortalFactory factory, string? secret = Secret, (string Name, string Value)? header = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (header is { } extra)
        {
            request.Headers.TryAddWithoutValidation(extra.Name, extra.Value);
        }

        if (secret is not null)
        {
            request.Headers.Authorization = new("Bearer", secret);
        }

        return await factory.CreateClient().SendAsync(request);
    }

    public static async Task<Scrape> ScrapeAsync(PortalFactory factory)
    {
        var response = await GetAsync(factory);
        Html.AssertStatus(HttpStatusCode.OK, response);
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The samples of one scrape in the Prometheus text format.</summary>
    public sealed class Scrape(string text)
    {
        public string Text => text;

        /// <summary>The sum of the samples of <paramref name="metric"/> carrying every label given (0 when there is none).</summary>
        public double Value(string metric, params (string Name, string Value)[] labels) =>
            Samples().Where(s => s.Name == metric && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Sum(s => s.Value);

        public bool Has(string metric) => Samples().Any(s => s.Name == metric);

        private IEnumerable<(string Name, Dictionary<string, string> Labels, double Value)> Samples() =>
            text.Split('\n').Where(line => line.Length > 0 && line[0] != '#').Select(line => Sample().Match(line)).Where(m => m.Success)
                .Select(m => (m.Groups["name"].Value,
                    Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value),
                    double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex("""^(?<name>[A-Za-z_:][A-Za-z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>\S+)""")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();

    /// <summary>Makes every request come from <paramref name="address"/> (TestServer has no peer address).</summary>
    private sealed class Peer(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
