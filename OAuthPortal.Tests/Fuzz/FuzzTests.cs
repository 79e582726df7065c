using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OAuthPortal.Tests.Support;
using Xunit.Abstractions;

namespace OAuthPortal.Tests.Fuzz;

/// <summary>
/// Thousands of generated malformed requests on every route of the real portal, over a real socket, as several
/// identities: no 5xx, no error or stack trace in the log, and the portal healthy afterwards. CI runs a fixed seed and a
/// fixed number of requests; FUZZ_SECONDS=N runs for longer, FUZZ_SEED=N another sequence (see <see cref="FuzzSettings"/>).
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Portal_ThousandsOfMalformedRequestsOnEveryRoute_AnswersWithout5xxOrLoggedFaults()
    {
        var settings = FuzzSettings.FromEnvironment();
        var clock = Stopwatch.StartNew();
        var logs = new ListLoggerProvider();
        var correlation = new FuzzCorrelation();
        using var portal = KestrelPortal.Start(configureServices: services =>
        {
            // The log goes to the list only (after the configured filters): thousands of requests would flood the test output.
            services.RemoveAll<ILoggerProvider>();
            services.AddSingleton<ILoggerProvider>(logs);
            services.AddSingleton<IStartupFilter>(correlation);
        });
        var world = await FuzzWorld.CreateAsync(portal);
        var setup = clock.Elapsed;
        var report = new FuzzReport(logs, correlation);
        var fuzzer = new RequestFuzzer(world, settings.Seed);

        var (sent, elapsed) = await RunAsync(portal.BaseAddress, fuzzer, report, settings);
        var afterwards = await CheckAfterwardsAsync(portal, world);

        var exchanges = report.Exchanges.ToList();
        var perRoute = exchanges.GroupBy(e => e.Request.Route).Select(g => (Route: g.Key, Count: g.Count())).OrderBy(r => r.Count).ToList();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"fuzz: {sent} requests over {perRoute.Count} routes (seed {settings.Seed}, {elapsed.TotalSeconds:0.0} s)");
        output.WriteLine(summary);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"routes: {string.Join(", ", world.Routes.GroupBy(r => r.Kind).Select(g => $"{g.Count()} {g.Key}"))}; fewest requests on one: {perRoute[0].Count} ({perRoute[0].Route}); " +
            $"first {fuzzer.SweepCount} requests: every page handler × {string.Join(", ", RequestFuzzer.SweepMethods)}; then every route as anonymous, user and admin; " +
            $"{world.Forms.Count} real forms replayed; set-up {setup.TotalSeconds:0.0} s, whole test {clock.Elapsed.TotalSeconds:0.0} s"));
        output.WriteLine("answers: " + Counts(exchanges.Select(e => e.Outcome)));
        output.WriteLine("identities: " + Counts(exchanges.Select(e => e.Request.Identity)));
        output.WriteLine("shapes: " + Counts(exchanges.SelectMany(e => e.Request.Tags).Where(t => !t.StartsWith("auth:", StringComparison.Ordinal)), 40));

        var failures = report.Failures();
        if (failures.Count > 0 || afterwards.Count > 0)
        {
            var text = string.Concat(afterwards.Select(a => $"Afterwards: {a}{Environment.NewLine}")) + (failures.Count > 0 ? FuzzReport.Summarise(failures) : "");
            output.WriteLine(text);
            output.WriteLine("One logged exception per class:");
            output.WriteLine(FuzzReport.StackTraces(failures));
            Assert.Fail($"{summary}: {failures.Count} failure(s), {afterwards.Count} problem(s) afterwards.{Environment.NewLine}{text}");
        }
    }

    /// <summary>A few requests in flight at a time until the budget is spent; generated in order under a lock, so that the requests depend on the seed only.</summary>
    private static async Task<(int Sent, TimeSpan Elapsed)> RunAsync(Uri origin, RequestFuzzer fuzzer, FuzzReport report, FuzzSettings settings)
    {
        var gate = new object();
        var sent = 0;
        var clock = Stopwatch.StartNew();
        FuzzRequest? Take()
        {
            lock (gate)
            {
                return settings.IsSpent(sent, clock.Elapsed) ? null : (sent++, fuzzer.Next()).Item2;
            }
        }

        async Task Worker()
        {
            while (Take() is { } request)
            {
                await report.SendAsync(origin, request);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, FuzzSettings.Concurrency).Select(_ => Task.Run(Worker)));
        return (sent, clock.Elapsed);
    }

    /// <summary>
    /// The portal is healthy after the run: /healthz and /readyz answer 200, a new sign-in works (from another address), and
    /// the fuzzing user and admin are still signed in (else the run lost its coverage of their pages).
    /// </summary>
    private static async Task<List<string>> CheckAfterwardsAsync(KestrelPortal portal, FuzzWorld world)
    {
        var problems = new List<string>();
        using var http = portal.CreateHttpClient();
        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            using var response = await http.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"GET {path} answered {(int)response.StatusCode}");
            }
        }

        foreach (var name in new[] { "user", "admin" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/Identity/Account/Manage");
            request.Headers.Add("Cookie", string.Join("; ", world.Identities[name].Cookies.Select(c => $"{c.Key}={c.Value}")));
            using var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"the fuzzing {name} was signed out during the run (its account page answered {(int)response.StatusCode})");
            }
        }

        using var browser = portal.CreateBrowser(IPAddress.Parse("127.0.0.2"));
        using var signIn = await SignIn.PostLoginAsync(browser, world.BystanderEmail, TestUsers.Password);
        using var account = await browser.GetAsync("/Identity/Account/Manage");
        if (signIn.StatusCode != HttpStatusCode.Redirect || account.StatusCode != HttpStatusCode.OK)
        {
            problems.Add($"a normal sign-in failed: {(int)signIn.StatusCode}, then the account page {(int)account.StatusCode}");
        }

        return problems;
    }

    private static string Counts(IEnumerable<string> values, int max = 100) =>
        string.Join(", ", values.GroupBy(v => v).OrderByDescending(g => g.Count()).Take(max).Select(g => $"{g.Key}×{g.Count()}"));
}
