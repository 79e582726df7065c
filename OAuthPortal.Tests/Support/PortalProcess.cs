using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OAuthPortal.Tests.Cli;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// The built OAuthPortal.dll run as its own operating-system process, as an operator runs it: the Production
/// environment, the issuer <see cref="Issuer"/>, a SQLite file shared by every process given it. A CLI command runs to
/// its exit; a server listens on a free loopback port behind a pretend TLS proxy (forwarded headers on) until disposed.
/// </summary>
public sealed class PortalProcess : IDisposable
{
    public const string Issuer = "https://portal.example.test";

    private readonly Process _process;

    private PortalProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>Where the process listens (plain HTTP on loopback; requests say https and the issuer's host, as the proxy would).</summary>
    public Uri Address { get; }

    public static string Dll
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            return Path.Combine(RepositoryRoot.Path, "OAuthPortal", "bin", configuration, "net10.0", "OAuthPortal.dll");
        }
    }

    /// <summary>Runs a CLI command against <paramref name="database"/> and waits for it to exit.</summary>
    public static async Task<CliRun> RunAsync(string database, IDictionary<string, string>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(database, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new CliRun(process.ExitCode, await output, await error);
    }

    /// <summary>Runs a CLI command against <paramref name="database"/> with <paramref name="standardInput"/> piped in, and waits for it to exit.</summary>
    public static async Task<CliRun> RunWithInputAsync(string database, IDictionary<string, string>? environment, string standardInput, params string[] args)
    {
        var start = StartInfo(database, environment, args);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new CliRun(process.ExitCode, await output, await error);
    }

    /// <summary>Starts a portal server on <paramref name="database"/> (already migrated) and waits until it answers /healthz.</summary>
    public static async Task<PortalProcess> StartServerAsync(string database, IDictionary<string, string>? environment = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var settings = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["ASPNETCORE_URLS"] = address.ToString(),
            ["Portal__ForwardedHeaders__Enabled"] = "true",
        };
        var process = Process.Start(StartInfo(database, settings, []))!;
        _ = process.StandardOutput.ReadToEndAsync(); // drained, never read: a full pipe would block the server
        var error = process.StandardError.ReadToEndAsync();
        var server = new PortalProcess(process, address);
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal process exited ({process.ExitCode}): {await error}");
            }

            try
            {
                if ((await probe.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }
        }

        server.Dispose();
        throw new TimeoutException("The portal process did not answer /healthz within 60 seconds.");
    }

    /// <summary>A client for this process whose requests arrive as the proxy would send them: https, the issuer's host.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Host = new Uri(Issuer).Host;
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string database, IDictionary<string, string>? environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["OAuth__Issuer"] = Issuer;
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={database}";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
