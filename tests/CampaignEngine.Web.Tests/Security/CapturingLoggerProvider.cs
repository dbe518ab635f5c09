using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CampaignEngine.Web.Tests.Security;

/// <summary>Keeps every log entry of a host, at every level, with its structured values and exception text.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Text);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            entries.Enqueue(new Entry(category, LogLevel.Trace, "scope: " + Describe(state)));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(category, logLevel, $"{formatter(state, exception)} | {Describe(state)} | {exception}"));

        // The structured values too: a sink that stores them (JSON logs, Seq) would keep what the message does not show.
        private static string Describe<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values
                ? string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"))
                : state?.ToString() ?? "";
    }
}
