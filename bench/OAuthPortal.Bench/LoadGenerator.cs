using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OAuthPortal.Bench;

/// <summary>
/// A closed-loop load generator: --concurrency workers over one keep-alive connection each, every response checked.
/// Grant scenarios (refresh, code) use each pre-seeded value exactly once, so --count is capped by the pool;
/// bearer scenarios (bearer, unknown) cycle through their tokens for --count requests or --seconds.
/// Requests carry X-Forwarded-Proto: https, as behind the TLS-terminating proxy the portal is configured to trust.
/// The DPoP scenarios (dpop_bearer: GET /api/me with <c>Authorization: DPoP</c>; dpop_refresh: a refresh with a proof)
/// send a fresh proof with each request (RFC 9449: unique jti, htm, htu at --public-url, ath of the token at the API),
/// all made before the clock starts, so they must be spent within the portal's proof window (OAuth:Dpop:ProofLifetime,
/// 60 s): dpop_bearer runs a --count, and the line reports how old the oldest proof was when the run ended.
/// --url may name several portal instances, comma-separated: worker i then talks to URL i mod n (the load spread evenly
/// over them), and every request carries the first URL's Host, as a load balancer in front of them would pass it on.
/// </summary>
internal static class LoadGenerator
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var urls = args.Required("url").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u)).ToArray();
        var baseUrl = urls[0];
        var scenario = args.Required("scenario");
        var tokens = (await File.ReadAllLinesAsync(args.Required("tokens"))).Where(l => l.Length > 0).ToArray();
        var concurrency = args.Int("concurrency", 64);
        var seconds = args.Double("seconds", 0);
        var isGrant = scenario is "refresh" or "code" or "code_oidc" or "dpop_refresh";
        var isDpop = scenario is "dpop_bearer" or "dpop_refresh";
        if (scenario is not ("bearer" or "unknown" or "refresh" or "code" or "code_oidc" or "dpop_bearer" or "dpop_refresh"))
        {
            throw new ArgumentException("--scenario must be bearer, unknown, refresh, code, code_oidc, dpop_bearer or dpop_refresh");
        }

        if (tokens.Length == 0)
        {
            throw new ArgumentException("--tokens holds no tokens");
        }

        var count = args.Int("count", isGrant ? tokens.Length : int.MaxValue);
        if (isGrant && count > tokens.Length)
        {
            throw new ArgumentException($"--count {count} exceeds the {tokens.Length} single-use grants in --tokens");
        }

        if (!isGrant && seconds <= 0 && count == int.MaxValue)
        {
            throw new ArgumentException("give --count or --seconds");
        }

        if (isDpop && (seconds > 0 || count == int.MaxValue))
        {
            throw new ArgumentException("a DPoP scenario runs a --count (one proof each, made beforehand), not --seconds");
        }

        var basic = isGrant
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
                $"{Uri.EscapeDataString(args.Required("client-id"))}:{Uri.EscapeDataString(args.Required("client-secret"))}")))
            : null;
        var path = new Uri(baseUrl, isGrant ? "/oauth2/token" : "/api/me");
        var paths = urls.Select(u => new Uri(u, path.AbsolutePath)).ToArray();

        // DPoP: every proof made now, before the clock starts; htu is the URL the portal sees behind its TLS proxy.
        var generation = Stopwatch.GetTimestamp();
        var proofs = isDpop
            ? DpopProofMaker.Load(args.Required("dpop-key")).MakeAll(count, isGrant ? "POST" : "GET",
                new Uri(new Uri(args.Optional("public-url") ?? $"https://{baseUrl.Authority}"), path.AbsolutePath).AbsoluteUri, tokens, withAth: !isGrant)
            : null;
        var generationSeconds = Stopwatch.GetElapsedTime(generation).TotalSeconds;

        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { Timeout = TimeSpan.FromSeconds(60) };

        var result = new Result(scenario, concurrency);
        var newTokens = args.Optional("new-tokens-out") is { } newTokensPath ? new List<string>[concurrency] : null;
        var next = -1;
        var deadline = seconds > 0 ? Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency) : long.MaxValue;
        var workers = new Task[concurrency];
        var started = Stopwatch.GetTimestamp();
        for (var w = 0; w < concurrency; w++)
        {
            var worker = w;
            newTokens?[worker] = [];
            workers[w] = Task.Run(async () =>
            {
                var latencies = new List<long>(1024);
                while (true)
                {
                    var index = Interlocked.Increment(ref next);
                    if (index >= count || Stopwatch.GetTimestamp() >= deadline)
                    {
                        break;
                    }

                    var token = tokens[index % tokens.Length];
                    using var request = new HttpRequestMessage(isGrant ? HttpMethod.Post : HttpMethod.Get, paths[worker % paths.Length]);
                    request.Headers.Add("X-Forwarded-Proto", "https");
                    if (paths.Length > 1)
                    {
                        request.Headers.Host = baseUrl.Authority;
                    }

                    if (isGrant)
                    {
                        request.Headers.Authorization = basic;
                        var body = scenario is "refresh" or "dpop_refresh" ? $"grant_type=refresh_token&refresh_token={token}" : $"grant_type=authorization_code&code={token}";
                        request.Content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
                    }
                    else
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue(isDpop ? "DPoP" : "Bearer", token);
                    }

                    if (proofs is not null)
                    {
                        request.Headers.Add("DPoP", proofs[index]);
                    }

                    var begin = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                        var content = await response.Content.ReadAsByteArrayAsync();
                        latencies.Add(Stopwatch.GetTimestamp() - begin);
                        var problem = Check(scenario, token, response, content, out var issued);
                        result.Record((int)response.StatusCode, problem);
                        if (issued is not null)
                        {
                            newTokens?[worker].Add(issued);
                        }
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                    {
                        latencies.Add(Stopwatch.GetTimestamp() - begin);
                        result.Record(0, exception.GetType().Name);
                    }
                }

                result.AddLatencies(latencies);
            });
        }

        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (newTokens is not null)
        {
            await File.WriteAllLinesAsync(args.Required("new-tokens-out"), newTokens.SelectMany(l => l));
        }

        Console.WriteLine(result.ToJson(elapsed, proofs is null ? null : (generationSeconds, Stopwatch.GetElapsedTime(generation).TotalSeconds)));
        return result.Failures == 0 ? 0 : 1;
    }

    /// <summary>Null when the response is what the scenario must get; otherwise what was wrong.</summary>
    private static string? Check(string scenario, string sent, HttpResponseMessage response, byte[] content, out string? issued)
    {
        issued = null;
        switch (scenario)
        {
            case "bearer" or "dpop_bearer":
                return response.StatusCode == HttpStatusCode.OK && content.AsSpan().IndexOf("\"sub\":"u8) >= 0 ? null : "not a 200 /api/me body";
            case "unknown":
                return response.StatusCode == HttpStatusCode.Unauthorized &&
                    response.Headers.WwwAuthenticate.ToString().Contains("error=\"invalid_token\"", StringComparison.Ordinal)
                    ? null
                    : "not a 401 invalid_token challenge";
            default:
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return "non-200 token response";
                }

                using (var json = JsonDocument.Parse(content))
                {
                    var root = json.RootElement;
                    var access = root.TryGetProperty("access_token", out var a) ? a.GetString() : null;
                    var refresh = root.TryGetProperty("refresh_token", out var r) ? r.GetString() : null;
                    var type = root.TryGetProperty("token_type", out var t) ? t.GetString() : null;
                    if (access is not { Length: 43 } || refresh is not { Length: 43 } || refresh == sent || type != (scenario == "dpop_refresh" ? "DPoP" : "Bearer"))
                    {
                        return "token response without a new access and refresh token";
                    }

                    if (scenario == "code_oidc" && !(root.TryGetProperty("id_token", out var idToken) && idToken.GetString()?.Split('.').Length == 3))
                    {
                        return "OpenID Connect token response without an id_token";
                    }

                    issued = access;
                    return null;
                }
        }
    }

    private sealed class Result(string scenario, int concurrency)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<int, int> _statuses = [];
        private readonly Dictionary<string, int> _problems = new(StringComparer.Ordinal);
        private readonly List<long> _latencies = [];

        public int Failures { get; private set; }

        public void Record(int status, string? problem)
        {
            lock (_gate)
            {
                _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
                if (problem is not null)
                {
                    Failures++;
                    _problems[problem] = _problems.GetValueOrDefault(problem) + 1;
                }
            }
        }

        public void AddLatencies(List<long> latencies)
        {
            lock (_gate)
            {
                _latencies.AddRange(latencies);
            }
        }

        /// <param name="proofAges">DPoP only: seconds spent making the proofs, and the oldest proof's age when the run ended.</param>
        public string ToJson(TimeSpan elapsed, (double Generation, double OldestAtEnd)? proofAges)
        {
            _latencies.Sort();
            var requests = _latencies.Count;
            double Ms(double q) => requests == 0 ? 0 : _latencies[Math.Min(requests - 1, (int)Math.Ceiling(q * requests) - 1)] * 1000.0 / Stopwatch.Frequency;
            var line = new Dictionary<string, object>
            {
                ["scenario"] = scenario switch
                {
                    "bearer" => "bearer_api_me",
                    "unknown" => "bearer_unknown_401",
                    "refresh" => "token_refresh",
                    "code_oidc" => "token_authorization_code_oidc",
                    "dpop_bearer" => "api_me_dpop",
                    "dpop_refresh" => "token_refresh_dpop",
                    _ => "token_authorization_code",
                },
                ["tool"] = "OAuthPortal.Bench",
                ["connections"] = concurrency,
                ["requests"] = requests,
                ["seconds"] = Math.Round(elapsed.TotalSeconds, 3),
                ["rps"] = Math.Round(requests / elapsed.TotalSeconds, 1),
                ["p50_ms"] = Math.Round(Ms(0.50), 3),
                ["p90_ms"] = Math.Round(Ms(0.90), 3),
                ["p99_ms"] = Math.Round(Ms(0.99), 3),
                ["max_ms"] = Math.Round(Ms(1.0), 3),
                ["expected"] = requests - Failures,
                ["unexpected"] = Failures,
                ["non_2xx"] = _statuses.Where(s => s.Key is < 200 or > 299).Sum(s => s.Value),
                ["statuses"] = _statuses.OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value),
                ["problems"] = _problems,
            };
            if (proofAges is { } ages)
            {
                line["proof_generation_s"] = Math.Round(ages.Generation, 2);
                line["oldest_proof_age_at_end_s"] = Math.Round(ages.OldestAtEnd, 1);
            }

            return JsonSerializer.Serialize(line);
        }
    }
}
