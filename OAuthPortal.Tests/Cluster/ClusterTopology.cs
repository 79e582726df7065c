using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using OAuthPortal.Tests.Cli;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cluster;

/// <summary>
/// The portal as operators run it behind a TLS-terminating proxy: <c>deploy/cluster/start</c> runs nginx on
/// https://127.0.0.1:PORT (a certificate made for the run) in front of three Production portal processes on one new
/// PostgreSQL database; disposing runs <c>deploy/cluster/stop</c> and drops the database. nginx adds
/// <c>X-Upstream</c> (the instance that served a request) for the tests. Without PostgreSQL or nginx the tests are
/// skipped with <see cref="SkipReason"/>, except on CI (<c>CI=true</c>), where starting fails instead.
/// </summary>
public sealed class ClusterTopology : IAsyncLifetime
{
    public const string UpstreamHeader = "X-Upstream";
    public const string RedirectUri = "https://client.example.test/callback";

    private readonly string _database = $"oauthportal_cluster_{Guid.NewGuid():N}";
    private readonly Dictionary<string, string> _facts = [];
    private X509Certificate2? _certificate;
    private string? _connectionString;
    private readonly Lazy<Task<ClusterFlows.Client>> _sharedClient;

    public ClusterTopology()
    {
        _sharedClient = new(() => new ClusterFlows(this).CreateClientAsync());
    }

    /// <summary>Null when the topology runs; else why the tests are skipped.</summary>
    public string? SkipReason { get; } = Environment.GetEnvironmentVariable("CI") == "true" ? null : PostgreSqlServer.SkipReason ?? NginxMissing();

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        _connectionString = PostgreSqlServer.CreateDatabase(_database);
        try
        {
            await StartAsync();
            _certificate = X509Certificate2.CreateFromPem(File.ReadAllText(_facts["CERTIFICATE"]));
            Issuer = new Uri(_facts["ISSUER"]);
            Instances = Enumerable.Range(1, int.Parse(_facts["INSTANCES"]))
                .Select(i => new Instance(i, int.Parse(_facts[$"INSTANCE_{i}_PID"]), _facts[$"INSTANCE_{i}_ADDRESS"])).ToArray();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Uri Issuer { get; private set; } = null!;

    public IReadOnlyList<Instance> Instances { get; private set; } = [];

    /// <summary>Where the topology keeps its certificate, configuration and logs (deploy/cluster/start's DIR).</summary>
    public string Folder => _facts["DIR"];

    public sealed record Instance(int Number, int ProcessId, string Address);

    /// <summary>
    /// A client of the proxy like a browser or a client library: TLS trusting exactly the certificate the topology made
    /// (nothing else), redirects not followed, its own cookie jar.
    /// </summary>
    public HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            SslOptions = new SslClientAuthenticationOptions
            {
                // The name must match (SAN IP:127.0.0.1); the chain cannot (self-signed): it must be this very certificate.
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    certificate is not null && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None &&
                    certificate.GetRawCertData().AsSpan().SequenceEqual(_certificate!.RawData),
            },
        };
        return new HttpClient(handler) { BaseAddress = Issuer, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The instance that answered, from the proxy's <see cref="UpstreamHeader"/> (the last one tried when nginx tried several).</summary>
    public Instance ServedBy(HttpResponseMessage response)
    {
        var addresses = UpstreamsOf(response);
        Assert.True(addresses.Length > 0, $"No {UpstreamHeader} header on {(int)response.StatusCode} from {response.RequestMessage?.RequestUri}.");
        return Instances.Single(i => i.Address == addresses[^1]);
    }

    /// <summary>Every instance nginx tried for the request, in order ("a, b" when it passed a request on).</summary>
    public static string[] UpstreamsOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(UpstreamHeader, out var values)
            ? values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray()
            : [];

    /// <summary>
    /// A confidential client registered once per topology (by a user of its own), for tests that need any client: each
    /// test still signs in a user of its own, so grants and tokens are never shared.
    /// </summary>
    public Task<ClusterFlows.Client> SharedClientAsync() => _sharedClient.Value;

    /// <summary>kill -9 of one instance (SIGKILL: no shutdown, no draining); returns once the process is gone.</summary>
    public void Kill(Instance instance)
    {
        using var process = Process.GetProcessById(instance.ProcessId);
        process.Kill();
        Assert.True(process.WaitForExit(10_000), $"Instance {instance.Number} (pid {instance.ProcessId}) did not die.");
    }

    /// <summary>Runs a portal CLI command on the topology's database (same dll, same settings as the instances).</summary>
    public async Task<CliRun> RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(PortalProcess.Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "PostgreSql";
        start.Environment["ConnectionStrings__Portal"] = _connectionString;
        start.Environment["OAuth__Issuer"] = Issuer.ToString().TrimEnd('/');
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new CliRun(process.ExitCode, await output, await error);
    }

    public async Task DisposeAsync()
    {
        if (_facts.TryGetValue("DIR", out var folder))
        {
            // OAUTHPORTAL_CLUSTER_KEEP=1 keeps the folder (nginx and instance logs) for a look after the run.
            var keep = Environment.GetEnvironmentVariable("OAUTHPORTAL_CLUSTER_KEEP") == "1";
            await RunAsync(Script("stop"), keep ? ["--keep", folder] : [folder], TimeSpan.FromSeconds(60));
        }

        if (_connectionString is not null)
        {
            PostgreSqlServer.DropDatabase(_database, _connectionString);
        }

        _certificate?.Dispose();
    }

    private async Task StartAsync()
    {
        var (exitCode, output, error) = await RunAsync(Script("start"),
            ["--connection-string", _connectionString!, "--dll", PortalProcess.Dll, "--upstream-header"], TimeSpan.FromMinutes(3));
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=');
            if (equals > 0)
            {
                _facts[line[..equals]] = line[(equals + 1)..];
            }
        }

        if (exitCode != 0 || !_facts.ContainsKey("READY"))
        {
            throw new InvalidOperationException($"deploy/cluster/start failed ({exitCode}):\n{error}\n{output}");
        }
    }

    private static string Script(string name) => Path.Combine(RepositoryRoot.Path, "deploy", "cluster", name);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string script, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within {timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }

    private static string? NginxMissing() =>
        File.Exists("/usr/sbin/nginx") || (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "nginx")))
            ? null
            : "nginx is not installed (apt-get install -y nginx): the cluster tests run the portal behind it.";
}
