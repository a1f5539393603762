using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RagSystem.Answering;
using RagSystem.Ingestion;
using RagSystem.Qdrant;
using RagSystem.Retrieval;
using RagSystem.Storage;
using Spectre.Console;

namespace RagSystem.Cli;

/// <summary>Per-invocation context for a command: the service provider built by
/// <see cref="RagServiceCollectionExtensions.AddRagSystem"/> (the same root as the API and the samples), and the console.</summary>
internal sealed class RagHost : IAsyncDisposable, IDisposable
{
    private readonly ServiceProvider _services;
    private IConfiguration _configuration = new ConfigurationBuilder().Build();
    private Action<RagOptions>? _configure;
    private ServiceProvider? _evaluationServices;

    private RagHost(ServiceProvider services, bool verbose)
    {
        _services = services;
        Verbose = verbose;
        // Resolving the options validates them: a bad setting fails here, as one line naming the key.
        Options = services.GetRequiredService<RagOptions>();
        Out = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        Err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // Spectre assumes 80 columns when output is not a terminal; piped output should not be hard-wrapped.
        if (Console.IsOutputRedirected) Out.Profile.Width = 160;
        if (Console.IsErrorRedirected) Err.Profile.Width = 160;
    }

    /// <summary>The bound configuration: defaults, then <c>appsettings.json</c>, then <c>RAG__*</c> variables, then flags.</summary>
    public RagOptions Options { get; }

    /// <summary>The root service provider.</summary>
    public IServiceProvider Services => _services;

    public ILoggerFactory LoggerFactory => _services.GetRequiredService<ILoggerFactory>();

    public bool Verbose { get; }

    /// <summary>The store chosen by <c>Store:Kind</c>; opened on first use.</summary>
    public IChunkStore Store => _services.GetRequiredService<IChunkStore>();

    /// <summary>The installed models, each opened on first use.</summary>
    public RagModels Models => _services.GetRequiredService<RagModels>();

    public IngestionPipeline IngestionPipeline => _services.GetRequiredService<IngestionPipeline>();

    public HybridRetriever Retriever => _services.GetRequiredService<HybridRetriever>();

    public Answerer Answerer => _services.GetRequiredService<Answerer>();

    /// <summary>Standard output: results only, so it can be piped.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Standard error: progress, notices and errors.</summary>
    public IAnsiConsole Err { get; }

    /// <summary>True when stderr is a terminal, so live progress bars make sense.</summary>
    public static bool IsInteractive => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is not ("true" or "1");

    /// <summary>Builds the host for one command: configuration from <c>appsettings.json</c> (current folder) and <c>RAG__*</c>
    /// variables, then the global flags and <paramref name="configure"/> (the command's own flags) on top.</summary>
    public static RagHost Create(ParseResult parse, Action<RagOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables(prefix: "RAG__")
            .Build();
        var verbose = parse.GetValue(GlobalOptions.Verbose);
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning);
            b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
            b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        void Configure(RagOptions options)
        {
            if (parse.GetValue(GlobalOptions.Data) is { Length: > 0 } data) options.DataDirectory = data;
            if (parse.GetValue(GlobalOptions.Models) is { Length: > 0 } models) options.ModelsDirectory = models;
            configure?.Invoke(options);
        }
        services.AddRagSystem(configuration, Configure).AddQdrantStore();
        var provider = services.BuildServiceProvider();
        try
        {
            return new RagHost(provider, verbose) { _configuration = configuration, _configure = Configure };
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <summary>True when the store holds documents; otherwise prints an error with a hint and returns false.</summary>
    public async Task<bool> RequireIndexAsync(string hint, CancellationToken cancellationToken)
    {
        if ((await Store.StatsAsync(cancellationToken)).Documents > 0) return true;
        var where = UsesSqliteStore ? Options.DataDirectory : $"the {Options.Store.Kind} store";
        Error($"no index in {where} (it holds no documents); {hint}");
        return false;
    }

    /// <summary>A new, empty store of the configured kind for <c>rag eval</c> to fill and drop: a SQLite file in
    /// <paramref name="workDirectory"/>, or a uniquely named Qdrant collection, so eval measures the store that ask and search use.</summary>
    public IChunkStore CreateEvaluationStore(string workDirectory)
    {
        var services = new ServiceCollection();
        services.AddSingleton(LoggerFactory);
        services.AddRagSystem(_configuration, options =>
        {
            _configure?.Invoke(options);
            options.DataDirectory = workDirectory;
        }).AddQdrantStore(q => q.Collection = $"{q.Collection}-eval-{Guid.NewGuid():N}");
        _evaluationServices?.Dispose();
        _evaluationServices = services.BuildServiceProvider();
        return _evaluationServices.GetRequiredService<IChunkStore>();
    }
    /// <summary>True when the index is the embedded SQLite store (<c>Store:Kind</c> is sqlite).</summary>
    public bool UsesSqliteStore => string.Equals(Options.Store.Kind, StoreKinds.Sqlite, StringComparison.OrdinalIgnoreCase);

    /// <summary>The SQLite store's file in the data folder (meaningful when <see cref="UsesSqliteStore"/>).</summary>
    public string SqliteDatabasePath => Path.Combine(Options.DataDirectory, SqliteStoreOptions.DefaultFileName);

    /// <summary>Before writing: runs SQLite's whole <c>quick_check</c> on the index unless the file passed it since it last
    /// changed, so a damaged index is never read as "nothing changed". Does nothing for other stores.</summary>
    /// <exception cref="IndexDamagedException">The index file is damaged.</exception>
    public Task VerifyIndexAsync(CancellationToken cancellationToken) =>
        UsesSqliteStore ? Storage.Sqlite.SqliteIntegrityCheck.VerifyAsync(SqliteDatabasePath, cancellationToken) : Task.CompletedTask;

    /// <summary>Prints the notices about missing or unusable models gathered so far.</summary>
    public void PrintModelNotices()
    {
        foreach (var notice in Models.Notices) Notice(notice);
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

    public async ValueTask DisposeAsync()
    {
        if (_evaluationServices is not null) await _evaluationServices.DisposeAsync();
        await _services.DisposeAsync();
    }

    public void Dispose()
    {
        _evaluationServices?.Dispose();
        _services.Dispose();
    }
}
