using System.Collections;
using OAuthPortal.Pages;

namespace OAuthPortal.Hosting.Telemetry;

/// <summary>
/// The outermost middleware: gives every request its id (<see cref="RequestIds"/>), as the <c>X-Request-Id</c>
/// response header (added when the response starts, so it survives the exception handler's reset) and as a logging
/// scope around everything the request logs, so a user's report can be matched to the log lines.
/// </summary>
public sealed class RequestIdScope(RequestDelegate next, ILogger<RequestIdScope> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var id = RequestIds.Of(context);
        context.Response.OnStarting(static state =>
        {
            var (response, value) = ((HttpResponse, string))state;
            response.Headers[RequestIds.HeaderName] = value;
            return Task.CompletedTask;
        }, (context.Response, id));
        using (logger.BeginScope(new Scope(id)))
        {
            await next(context);
        }
    }

    /// <summary>One key, one value: formatted as "CorrelationId:..." by the console formatters, a property by the JSON one.</summary>
    private sealed class Scope(string id) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new(RequestIds.LogScopeKey, id) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"{RequestIds.LogScopeKey}:{id}";
    }
}
