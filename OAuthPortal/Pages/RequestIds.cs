using System.Diagnostics;

namespace OAuthPortal.Pages;

/// <summary>
/// The id a user can quote to find a request in the logs: the W3C trace id of the request (the same in OTLP traces),
/// or ASP.NET Core's TraceIdentifier when no trace is recorded. Hosting's request-id middleware returns it in
/// <see cref="HeaderName"/> and puts it in a logging scope (<see cref="LogScopeKey"/>) around the request; the error
/// and status pages show it.
/// </summary>
public static class RequestIds
{
    public const string HeaderName = "X-Request-Id";

    /// <summary>The key of the logging scope that carries the id on every log line of the request.</summary>
    public const string LogScopeKey = "CorrelationId";

    public static string Of(HttpContext context) =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.TraceId.ToHexString() : context.TraceIdentifier;
}
