using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RagSystem.Api.Tests;

/// <summary>Keeps every log entry at <see cref="LogLevel.Error"/> or above that the service writes, so a test can show that
/// nothing failed on the server (an unhandled exception becomes a 500 and an error entry).</summary>
public sealed class ErrorLogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    /// <summary>The entries so far, as "category: message (exception)".</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, _errors);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Collector(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) errors.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name}");
        }
    }
}
