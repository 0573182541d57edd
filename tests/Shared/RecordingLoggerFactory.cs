using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Psrp.Tests.Shared;

/// <summary>Keeps every log line, so a test can check what a provider reported (and that no secret was logged), and show it on failure.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(LogLevel Level, int EventId, string Message)> Lines { get; } = new();

    public string Text => string.Join(Environment.NewLine, Lines.Select(l => $"{l.Level} {l.EventId}: {l.Message}"));

    public override string ToString() => Text;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue((logLevel, eventId.Id, formatter(state, exception)));
    }
}
