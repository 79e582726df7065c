using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OAuthPortal.Tests.Support;

/// <summary>Captures log entries (level, category, message, exception) for assertions.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries { get; } = new();

    /// <summary>Entries that report a server fault: an error or worse, or any entry that carries an exception (a stack trace).</summary>
    public IEnumerable<string> ServerFaults => Entries
        .Where(e => e.Level >= LogLevel.Error || e.Exception is not null)
        .Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception?.GetType().Name}: {e.Exception?.Message}");

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ListLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Entries.Enqueue((logLevel, category, formatter(state, exception), exception));
    }
}
