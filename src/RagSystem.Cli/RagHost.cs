using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RagSystem.Qdrant;
using RagSystem.Storage;
using Spectre.Console;

namespace RagSystem.Cli;

/// <summary>Per-invocation context for a command: bound options, logging and the console.</summary>
internal sealed class RagHost : IDisposable
{
    private readonly IConfiguration _configuration;
    private ServiceProvider? _services;

    private RagHost(RagOptions options, IConfiguration configuration, ILoggerFactory loggerFactory, bool verbose)
    {
        _configuration = configuration;
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
        return new RagHost(options, configuration, loggerFactory, verbose);
    }

    /// <summary>True when the index is the embedded SQLite file under the data folder (so its absence means "no index").</summary>
    public bool UsesEmbeddedStore => string.Equals(Options.Store.Kind, StoreKinds.Sqlite, StringComparison.OrdinalIgnoreCase);

    // COMPOSITION (branch qdrant, minimal until the CLI resolves everything through AddRagSystem): the store alone comes from
    // the composition root, so Store:Kind (RAG__Store__Kind) selects sqlite or qdrant. Nothing is opened here; the store
    // connects on first use.
    /// <summary>The store <c>Store:Kind</c> selects. The caller's <see cref="RagComponents"/> disposes it.</summary>
    /// <param name="configureQdrant">Changes the Qdrant settings (such as a throwaway collection); null for none.</param>
    public IChunkStore CreateStore(Action<QdrantStoreOptions>? configureQdrant = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(LoggerFactory);
        services.AddRagSystem(_configuration, o =>
        {
            o.DataDirectory = Options.DataDirectory;
            o.ModelsDirectory = Options.ModelsDirectory;
        }).AddQdrantStore(configureQdrant);
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<IChunkStore>();
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

    public void Dispose()
    {
        _services?.Dispose();
        LoggerFactory.Dispose();
    }
}
