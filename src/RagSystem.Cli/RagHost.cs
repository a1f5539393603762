using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace RagSystem.Cli;

/// <summary>Per-invocation context for a command: bound options, logging and the console.</summary>
internal sealed class RagHost : IDisposable
{
    private RagHost(RagOptions options, ILoggerFactory loggerFactory, bool verbose)
    {
        Options = options;
        LoggerFactory = loggerFactory;
        Verbose = verbose;
        Out = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        Err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // Spectre assumes 80 columns when output is not a terminal; piped output should not be hard-wrapped.
        if (Console.IsOutputRedirected) Out.Profile.Width = 160;
        if (Console.IsErrorRedirected) Err.Profile.Width = 160;
    }

    /// <summary>The bound configuration: defaults, then <c>appsettings.json</c>, then <c>RAG__*</c> variables, then flags.</summary>
    public RagOptions Options { get; }

    public ILoggerFactory LoggerFactory { get; }

    public bool Verbose { get; }

    /// <summary>Standard output: results only, so it can be piped.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Standard error: progress, notices and errors.</summary>
    public IAnsiConsole Err { get; }

    /// <summary>True when stderr is a terminal, so live progress bars make sense.</summary>
    public static bool IsInteractive => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is not ("true" or "1");

    public static RagHost Create(ParseResult parse)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables(prefix: "RAG__")
            .Build();
        var options = new RagOptions();
        try
        {
            configuration.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // The binder says which key could not be converted (for example a word where a number belongs).
            throw new RagConfigurationException($"configuration: {ex.Message}");
        }
        if (parse.GetValue(GlobalOptions.Data) is { Length: > 0 } data) options.DataDirectory = data;
        if (parse.GetValue(GlobalOptions.Models) is { Length: > 0 } models) options.ModelsDirectory = models;
        options.Validate();
        options.DataDirectory = Path.GetFullPath(options.DataDirectory);
        options.ModelsDirectory = Path.GetFullPath(options.ModelsDirectory);

        var verbose = parse.GetValue(GlobalOptions.Verbose);
        var loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b =>
        {
            b.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning);
            b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
            b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        return new RagHost(options, loggerFactory, verbose);
    }

    /// <summary>Prints a one-line notice to stderr (not to stdout, which may carry JSON). Plain text: Spectre
    /// would wrap it at 80 columns when stderr is not a terminal.</summary>
    public void Notice(string message) => Console.Error.WriteLine(message);

    /// <summary>Prints a one-line error to stderr.</summary>
    public void Error(string message) => Console.Error.WriteLine($"error: {message}");

    /// <summary>Writes machine-readable output to stdout, unwrapped.</summary>
    public void WriteJson(string json)
    {
        Console.Out.WriteLine(json);
        Console.Out.Flush();
    }

    public void Dispose() => LoggerFactory.Dispose();
}
