using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Tests.Support;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OAuthPortal.Tests.Telemetry;

/// <summary>Portal:Telemetry:Otlp:Endpoint sends traces and metrics to a collector (here a stand-in on 127.0.0.1 speaking OTLP/HTTP).</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Otlp_Endpoint_ReceivesTracesAndMetrics()
    {
        using var collector = new Collector();
        using var factory = PortalFactory.With(new Dictionary<string, string?>
        {
            ["Portal:Telemetry:Otlp:Endpoint"] = collector.Address,
            ["Portal:Telemetry:Otlp:Protocol"] = "http/protobuf",
        });
        Html.AssertStatus(HttpStatusCode.OK, await factory.CreateClient().GetAsync("/"));

        // The request's span ends when the server has finished with it, which may be just after the client has its answer.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!collector.Received.Any(IsRequestSpan) && DateTime.UtcNow < deadline)
        {
            factory.Services.GetRequiredService<TracerProvider>().ForceFlush(5_000);
            await Task.Delay(100);
        }

        Assert.True(factory.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        Assert.Contains(collector.Received, IsRequestSpan);
        Assert.Contains(collector.Received, r => r.Path == "/v1/metrics" && r.Body.Contains("http.server.request.duration"));
    }

    [Fact]
    public void Otlp_Default_StartsNoOpenTelemetry()
    {
        using var factory = new PortalFactory();
        factory.CreateClient();

        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());
    }

    private static bool IsRequestSpan((string Path, string Body) export) =>
        export.Path == "/v1/traces" && export.Body.Contains("OAuthPortal") && export.Body.Contains("Microsoft.AspNetCore");

    /// <summary>Answers every OTLP/HTTP export with 200 and keeps the path and body (protobuf: its strings are readable).</summary>
    private sealed class Collector : IDisposable
    {
        private readonly HttpListener _listener = new();

        public Collector()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Address = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Address + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Address { get; }

        public ConcurrentQueue<(string Path, string Body)> Received { get; } = new();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (!_listener.IsListening)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Received.Enqueue((context.Request.Url!.AbsolutePath, Encoding.Latin1.GetString(body.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
