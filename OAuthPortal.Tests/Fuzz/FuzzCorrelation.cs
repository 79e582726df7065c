using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace OAuthPortal.Tests.Fuzz;

/// <summary>
/// Test-only outermost middleware: notes which fuzz request (header <see cref="Header"/>) each HttpContext.TraceIdentifier
/// belongs to, so that a log entry (which carries the TraceIdentifier, see ListLoggerProvider) can be traced to the
/// request that caused it. It changes nothing else.
/// </summary>
public sealed partial class FuzzCorrelation : IStartupFilter
{
    public const string Header = "X-Fuzz-Id";

    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (int.TryParse(context.Request.Headers[Header].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                _requests[context.TraceIdentifier] = id;
            }

            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>
    /// The fuzz request a log entry was written for: by the TraceIdentifier of its scope, else by the one Kestrel names in
    /// its message (it reports an exception that escaped the whole pipeline outside the request's scope).
    /// </summary>
    public int? RequestOf(string? traceIdentifier, string message)
    {
        traceIdentifier ??= KestrelRequestId().Match(message) is { Success: true } match ? match.Groups[1].Value : null;
        return traceIdentifier is not null && _requests.TryGetValue(traceIdentifier, out var id) ? id : null;
    }

    [GeneratedRegex("Request id \"([^\"]+)\"")]
    private static partial Regex KestrelRequestId();
}
