using System.Net;
using Microsoft.Extensions.Options;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Telemetry;

/// <summary>/metrics: off by default; when on, only for allowed networks or the bearer secret, and a 404 page for anyone else.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_Default_Is404Page()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?>(), configureServices: null);

        var response = await MetricsPortal.GetAsync(factory, secret: null);

        await AssertNotFoundPageAsync(response);
    }

    [Fact]
    public async Task Metrics_DisabledEvenWithSecretAndLoopback_Is404Page()
    {
        using var factory = MetricsPortal.Create(new Dictionary<string, string?> { ["Portal:Telemetry:Prometheus:Enabled"] = "false" }, IPAddress.Loopback);

        await AssertNotFoundPageAsync(await MetricsPortal.GetAsync(factory));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret-0123456789abcdefghijklmnopqrstuv")]
    [InlineData(MetricsPortal.Secret + "x")]
    [InlineData("")]
    public async Task Metrics_WithoutTheSecretFromNoAllowedNetwork_Is404Page(string? secret)
    {
        using var factory = MetricsPortal.Create();

        await AssertNotFoundPageAsync(await MetricsPortal.GetAsync(factory, secret));
    }

    [Fact]
    public async Task Metrics_WithTheSecret_IsPrometheusText()
    {
        using var factory = MetricsPortal.Create();

        var response = await MetricsPortal.GetAsync(factory);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("::1", null, true)]
    [InlineData("::ffff:127.0.0.1", null, true)]
    [InlineData("203.0.113.5", null, false)]
    [InlineData("203.0.113.5", "203.0.113.0/24", true)]
    [InlineData("203.0.113.5", "198.51.100.7", false)]
    [InlineData("198.51.100.7", "198.51.100.7", true)]
    [InlineData("127.0.0.1", "10.0.0.0/8", false)] // a listed network replaces loopback
    public async Task Metrics_WithoutSecret_IsServedOnlyToAllowedNetworks(string peer, string? allowed, bool served)
    {
        var settings = new Dictionary<string, string?>();
        if (allowed is not null)
        {
            settings["Portal:Telemetry:Prometheus:AllowedNetworks:0"] = allowed;
        }

        using var factory = MetricsPortal.Create(settings, IPAddress.Parse(peer));

        var response = await MetricsPortal.GetAsync(factory, secret: null);

        if (served)
        {
            Html.AssertStatus(HttpStatusCode.OK, response);
        }
        else
        {
            await AssertNotFoundPageAsync(response);
        }
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.5")]
    [InlineData("Forwarded", "for=203.0.113.5")]
    public async Task Metrics_FromLoopbackThroughAnUntrustedProxy_Is404PageUnlessTheSecretIsSent(string header, string value)
    {
        // Portal:ForwardedHeaders is off: a proxy on the same machine makes every Internet caller look like loopback.
        using var factory = MetricsPortal.Create(new Dictionary<string, string?>(), IPAddress.Loopback);

        var anonymous = await MetricsPortal.GetAsync(factory, secret: null, header: (header, value));
        var withSecret = await MetricsPortal.GetAsync(factory, header: (header, value));

        await AssertNotFoundPageAsync(anonymous);
        Html.AssertStatus(HttpStatusCode.OK, withSecret);
    }

    [Theory]
    [InlineData("Portal:Telemetry:Prometheus:AllowedNetworks:0", "10.0.0.0/33", "Portal:Telemetry:Prometheus:AllowedNetworks")]
    [InlineData("Portal:Telemetry:Prometheus:AllowedNetworks:0", "intranet", "Portal:Telemetry:Prometheus:AllowedNetworks")]
    [InlineData("Portal:Telemetry:Prometheus:BearerToken", "too-short", "Portal:Telemetry:Prometheus:BearerToken")]
    [InlineData("Portal:Telemetry:Otlp:Endpoint", "collector:4317", "Portal:Telemetry:Otlp:Endpoint")]
    [InlineData("Portal:Telemetry:Otlp:Protocol", "udp", "Portal:Telemetry:Otlp:Protocol")]
    [InlineData("Portal:Telemetry:ActiveTokensRefresh", "00:00:00", "Portal:Telemetry:ActiveTokensRefresh")]
    public void Start_BadTelemetrySetting_RefusesNamingIt(string setting, string value, string named)
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { [setting] = value });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(named, error.Message);
    }

    private static async Task AssertNotFoundPageAsync(HttpResponseMessage response)
    {
        Html.AssertStatus(HttpStatusCode.NotFound, response);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Page not found", page.QuerySelector("[data-test=status-title]")?.TextContent);
        Assert.DoesNotContain("# TYPE", page.DocumentElement.OuterHtml);
    }
}
