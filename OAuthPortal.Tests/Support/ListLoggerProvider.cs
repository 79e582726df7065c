using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// Captures log entries (level, category, message, exception, and the HttpContext.TraceIdentifier of the request being
/// handled when there is one, from ASP.NET Core's hosting scope) for assertions.
/// </summary>
public sealed class ListLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? _scopes;

    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception, string? RequestId)> Entries { get; } = new();

    /// <summary>Entries that report a server fault: an error or worse, or any entry that carries an exception (a stack trace).</summary>
    public IEnumerable<(LogLevel Level, string Category, string Message, Exception? Exception, string? RequestId)> FaultEntries =>
        Entries.Where(e => e.Level >= LogLevel.Error || e.Exception is not null);

    /// <summary>The <see cref="FaultEntries"/>, one line each.</summary>
    public IEnumerable<string> ServerFaults => FaultEntries
        .Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception?.GetType().Name}: {e.Exception?.Message}");

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private string? CurrentRequestId()
    {
        string? requestId = null;
        _scopes?.ForEachScope((scope, _) => requestId ??= scope is IEnumerable<KeyValuePair<string, object?>> values
            ? values.FirstOrDefault(v => v.Key == "RequestId").Value as string
            : null, (object?)null);
        return requestId;
    }

    private sealed class Logger(ListLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Entries.Enqueue((logLevel, category, formatter(state, exception), exception, provider.CurrentRequestId()));
    }
}
