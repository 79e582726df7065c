using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using OAuthPortal.Tests.Support;
using LogEntry = (Microsoft.Extensions.Logging.LogLevel Level, string Category, string Message, System.Exception? Exception, string? RequestId);

namespace OAuthPortal.Tests.Fuzz;

/// <summary>
/// Sends the requests and keeps what came back; then checks it against the rules: no 5xx, no timeout, no well-formed
/// request left without an answer, no error or exception in the portal's log. Failures are grouped into classes
/// (outcome, innermost exception with the request's own data blanked, where it was thrown), each with an example.
/// </summary>
public sealed partial class FuzzReport(ListLoggerProvider logs, FuzzCorrelation correlation)
{
    private readonly ConcurrentDictionary<int, Exchange> _exchanges = new();

    /// <summary>One request and its answer: a status, 0 when the connection was closed without one.</summary>
    public sealed record Exchange(FuzzRequest Request, int Status, bool TimedOut)
    {
        public string Outcome => TimedOut ? "timeout" : Status == 0 ? "no answer" : Status.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// Why the exchange fails by itself, or null. The only exceptions: Kestrel's own answers to malformed HTTP (505, or
        /// closing the connection; its 400, 414 and 431 are fine anyway) and /Status/{code} opened with a 5xx code, which
        /// answers that status by design.
        /// </summary>
        public string? Problem =>
            TimedOut ? "timeout"
            : Status == 0 ? Request.MalformedHttp ? null : "no answer"
            : Status < 500 || (Status == 505 && Request.MalformedHttp) || IsStatusPage ? null
            : $"status {Status}";

        /// <summary>/Status/{code} with the answered code (the path as the server reads it: dot segments removed).</summary>
        private bool IsStatusPage => Request.Route == "/Status/{code:int}" &&
            Uri.TryCreate(Request.Target.StartsWith('/') ? "http://portal" + Request.Target : Request.Target, UriKind.Absolute, out var uri) &&
            uri.AbsolutePath.TrimEnd('/').EndsWith($"/{Status}", StringComparison.Ordinal);
    }

    /// <summary>A failing exchange or log entry; its class is (outcome, headline, site).</summary>
    public sealed record Failure(string Outcome, string Route, Exchange? Exchange, LogEntry? Log)
    {
        public (string Outcome, string Headline, string Site) Class => (Outcome, Log is { } log ? Headline(log) : "(nothing in the log)", Log is { } at ? Site(at) : "");
    }

    public IEnumerable<Exchange> Exchanges => _exchanges.Values;

    public async Task SendAsync(Uri origin, FuzzRequest request)
    {
        Exchange exchange;
        try
        {
            var reply = await RawHttp.SendAsync(origin, request.ToBytes(origin), FuzzSettings.RequestTimeout, request.HalfClose);
            exchange = new Exchange(request, reply.StatusCode, false);
        }
        catch (OperationCanceledException)
        {
            exchange = new Exchange(request, 0, true);
        }
        catch (Exception exception) when (exception is SocketException or IOException)
        {
            exchange = new Exchange(request, 0, false);
        }

        request.Shorten();
        _exchanges[request.Id] = exchange;
    }

    /// <summary>Every failure: exchanges with a problem or with faults in the log written for them, and faults logged for no fuzz request.</summary>
    public List<Failure> Failures()
    {
        var faults = logs.FaultEntries.Select(e => (Entry: e, Request: correlation.RequestOf(e.RequestId, e.Message))).ToList();
        var byRequest = faults.Where(f => f.Request is not null).ToLookup(f => f.Request!.Value, f => f.Entry);
        var failures = new List<Failure>();
        foreach (var exchange in _exchanges.Values.OrderBy(e => e.Request.Id))
        {
            var log = byRequest[exchange.Request.Id].OrderByDescending(l => l.Level).ThenByDescending(l => l.Exception is not null).Cast<LogEntry?>().FirstOrDefault();
            if ((exchange.Problem ?? (log is { } logged ? $"logged {logged.Level} by {logged.Category}" : null)) is { } outcome)
            {
                failures.Add(new Failure(outcome, exchange.Request.Route, exchange, log));
            }
        }

        foreach (var (entry, _) in faults.Where(f => f.Request is null || !_exchanges.ContainsKey(f.Request.Value)))
        {
            failures.Add(new Failure($"logged {entry.Level} by {entry.Category}", "(no fuzz request)", null, entry));
        }

        return failures;
    }

    /// <summary>The failure classes, most frequent 5xx first, each with the routes, statuses, tags common to all its requests and the shortest example.</summary>
    public static string Summarise(List<Failure> failures)
    {
        var text = new StringBuilder();
        var classes = failures.GroupBy(f => f.Class).OrderByDescending(g => g.Key.Outcome.StartsWith("status", StringComparison.Ordinal)).ThenByDescending(g => g.Count()).ToList();
        text.AppendLine($"{failures.Count} failure(s) in {classes.Count} class(es) (outcome | innermost exception | where):");
        foreach (var (failureClass, number) in classes.Select((c, i) => (c, i + 1)))
        {
            var routes = failureClass.Select(f => f.Route).Distinct().ToList();
            var exchanges = failureClass.Select(f => f.Exchange).OfType<Exchange>().ToList();
            text.AppendLine($"{number,3}. {failureClass.Key.Outcome} | {failureClass.Key.Headline}");
            if (failureClass.First().Log is { Exception: { } exception } && Frames(exception).FirstOrDefault() is { } thrower)
            {
                text.AppendLine($"       thrown {thrower}{(failureClass.Key.Site is var site && site.StartsWith("at ", StringComparison.Ordinal) && site != thrower ? " … " + site : "")}");
            }

            text.AppendLine($"       {failureClass.Count()} request(s), answered {string.Join("/", exchanges.Select(e => e.Outcome).Distinct().Order(StringComparer.Ordinal))}, " +
                $"on {routes.Count} route(s): {string.Join(", ", routes.Take(8))}{(routes.Count > 8 ? ", …" : "")}");
            if (exchanges.Count > 0)
            {
                var example = exchanges.MinBy(e => e.Request.Target.Length + (e.Request.Body?.Length ?? 0))!;
                var request = example.Request;
                text.AppendLine($"       in every request: {string.Join(" ", exchanges.Select(e => e.Request.Tags.AsEnumerable()).Aggregate((a, b) => a.Intersect(b)))}");
                text.AppendLine($"       e.g. #{request.Id} {request.Display()} as {request.Identity} -> {example.Outcome} [{string.Join(" ", request.Tags)}]");
                if (request.HeaderLines.Where(l => !l.StartsWith("Cookie:", StringComparison.Ordinal)).ToList() is { Count: > 0 } headers)
                {
                    text.AppendLine($"            headers: {string.Join(" | ", headers.Select(h => FuzzRequest.Printable(h, 80)))}");
                }

                if (request.Body is { Length: > 0 } body)
                {
                    text.AppendLine($"            body ({request.ContentType ?? "no Content-Type"}): {FuzzRequest.Printable(Encoding.Latin1.GetString(body), 240)}");
                }
            }
            else if (failureClass.First().Log is { } log)
            {
                text.AppendLine($"       log: {FuzzRequest.Printable(log.Message, 240)}");
            }
        }

        return text.ToString();
    }

    /// <summary>One logged exception per class, its first frames (for the test output; the assertion message keeps to the summary).</summary>
    public static string StackTraces(List<Failure> failures) => string.Join(Environment.NewLine, failures
        .Where(f => f.Log?.Exception is not null).GroupBy(f => f.Class)
        .Select(g => $"--- {g.Key.Outcome} | {g.Key.Headline}{Environment.NewLine}{Shorten(g.First().Log!.Value.Exception!.ToString(), 3000)}"));

    /// <summary>"Type: message" of the innermost exception ("Outer &lt;- Inner: message" when wrapped), else the message's first line; the request's own data blanked.</summary>
    private static string Headline(LogEntry log)
    {
        var inner = log.Exception;
        while (inner?.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var headline = inner is null ? log.Message.Split('\n')[0]
            : inner == log.Exception ? $"{inner.GetType().FullName}: {inner.Message}"
            : $"{log.Exception!.GetType().FullName} <- {inner.GetType().FullName}: {inner.Message}";
        return FuzzRequest.Printable(RequestData().Replace(headline.Trim(), m => m.Value[0] is '\'' or '"' ? $"{m.Value[0]}…{m.Value[0]}" : "N"), 300);
    }

    /// <summary>Where it went wrong, stable across requests: the first frame of the portal's own code, else the type that threw.</summary>
    private static string Site(LogEntry log) =>
        log.Exception is not { } exception ? ""
        : Frames(exception).FirstOrDefault(f => f.StartsWith("at OAuthPortal.", StringComparison.Ordinal))
          ?? (ThrowerType().Match(Frames(exception).FirstOrDefault() ?? "") is { Success: true } match ? "in " + match.Groups[1].Value : "");

    /// <summary>The stack frames, innermost exception first ("at Type.Method(...) in File:line", directories dropped).</summary>
    private static IEnumerable<string> Frames(Exception exception)
    {
        var all = new List<Exception>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            all.Insert(0, e);
        }

        return all.SelectMany(e => (e.StackTrace ?? "").Split('\n')).Select(l => l.Trim()).Where(l => l.StartsWith("at ", StringComparison.Ordinal))
            .Select(l => Directory().Replace(l, " in "));
    }

    private static string Shorten(string text, int max) => text.Length > max ? text[..max] + "…" : text;

    /// <summary>Quoted text and numbers of three digits or more in a message: the request's own data.</summary>
    [GeneratedRegex(@"(?<=[\s(]|^)'.*?'(?=[\s.,;:)]|$)|(?<=[\s(]|^)"".*?""(?=[\s.,;:)]|$)|\b\d{3,}\b")]
    private static partial Regex RequestData();

    [GeneratedRegex(@"^at ([\w.`+<>]+)\.[^.(]+\(")]
    private static partial Regex ThrowerType();

    [GeneratedRegex(@" in /.*/")]
    private static partial Regex Directory();
}
