using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagSystem.Answering;
using RagSystem.Chunking;
using RagSystem.Documents;
using RagSystem.Ingestion;
using RagSystem.Retrieval;
using RagSystem.Storage;

namespace RagSystem;

/// <summary>The one composition root for the CLI, the REST API and library users.</summary>
public static class RagServiceCollectionExtensions
{
    /// <summary>Registers RagSystem: <see cref="RagOptions"/> bound from <paramref name="configuration"/> and validated at start,
    /// the store chosen by <c>Store:Kind</c>, the document readers, the models (each opened once, on first use), the
    /// retriever, the answerer and the ingestion pipeline, all as singletons.
    /// <para>The installed models are also registered as the Microsoft.Extensions.AI services <see cref="IChatClient"/> and
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <c>string</c> → <c>Embedding&lt;float&gt;</c> (the pipelines
    /// described on <see cref="RagModels"/>), so other code in the host can use them. Each resolves to null
    /// (<c>GetService</c>) when its model is not installed; registrations made before this call win.</para></summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration whose keys are <see cref="RagOptions"/>' (<c>Store:Kind</c>,
    /// <c>Chunking:MaxTokens</c>, …): the root of the CLI's configuration, or the API's <c>Rag</c> section.</param>
    /// <param name="configure">Applied after binding, for command-line flags; null for none.</param>
    public static RagSystemBuilder AddRagSystem(this IServiceCollection services, IConfiguration configuration, Action<RagOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RagOptions>()
            .Configure(options => Bind(configuration, options))
            .Configure(options => configure?.Invoke(options))
            .PostConfigure(options =>
            {
                options.DataDirectory = Path.GetFullPath(options.DataDirectory);
                options.ModelsDirectory = Path.GetFullPath(options.ModelsDirectory);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RagOptions>, RagOptionsValidator>());
        // Core types take the options object itself; resolving it runs validation, and a failure is one RagException line.
        services.TryAddSingleton(sp =>
        {
            try
            {
                return sp.GetRequiredService<IOptions<RagOptions>>().Value;
            }
            catch (OptionsValidationException ex)
            {
                throw new RagConfigurationException(ex.Message);
            }
        });
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(Logger<>)));

        services.TryAddSingleton(sp => sp.GetRequiredService<RagOptions>().Pdf);
        services.AddDocumentReaders();
        services.TryAddSingleton(sp => new RagModels(sp.GetRequiredService<RagOptions>(), sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<IChatClient>(sp => sp.GetRequiredService<RagModels>().ChatClient!);
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<RagModels>().EmbeddingGenerator!);
        services.TryAddSingleton(SelectStore);
        services.TryAddSingleton(CreateRetriever);
        services.TryAddSingleton<IRetriever>(sp => sp.GetRequiredService<HybridRetriever>());
        services.TryAddSingleton(CreateAnswerer);
        services.TryAddSingleton(CreateIngestionPipeline);

        var builder = new RagSystemBuilder(services);
        builder.AddStore(StoreKinds.Sqlite, sp =>
        {
            var options = sp.GetRequiredService<RagOptions>();
            return SqliteChunkStore.Create(Path.Combine(options.DataDirectory, SqliteStoreOptions.DefaultFileName), options.Store.Sqlite,
                sp.GetRequiredService<ILogger<SqliteChunkStore>>());
        });
        return builder;
    }

    private static void Bind(IConfiguration configuration, RagOptions options)
    {
        try
        {
            configuration.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // The binder says which key could not be converted (for example a word where a number belongs).
            throw new RagConfigurationException($"configuration: {ex.Message}");
        }
    }

    private static IChunkStore SelectStore(IServiceProvider services)
    {
        var kind = services.GetRequiredService<RagOptions>().Store.Kind;
        var registrations = services.GetServices<ChunkStoreRegistration>().ToList();
        var match = registrations.LastOrDefault(r => string.Equals(r.Kind, kind, StringComparison.OrdinalIgnoreCase));
        if (match is not null) return match.Create(services);
        var known = string.Join(", ", registrations.Select(r => r.Kind).Distinct(StringComparer.OrdinalIgnoreCase));
        throw new RagConfigurationException(string.Equals(kind, StoreKinds.Qdrant, StringComparison.OrdinalIgnoreCase)
            ? $"Store:Kind is qdrant, but this program was built without the Qdrant store (RagSystem.Qdrant); known kinds: {known}."
            : $"Store:Kind is '{kind}', which is not a known store; use one of: {known}.");
    }

    private static HybridRetriever CreateRetriever(IServiceProvider services)
    {
        var models = services.GetRequiredService<RagModels>();
        return new HybridRetriever(services.GetRequiredService<IChunkStore>(), models.EmbeddingGenerator, models.Reranker,
            logger: services.GetRequiredService<ILogger<HybridRetriever>>());
    }

    private static Answerer CreateAnswerer(IServiceProvider services)
    {
        var models = services.GetRequiredService<RagModels>();
        return new Answerer(services.GetRequiredService<IRetriever>(), models.ChatClient, services.GetRequiredService<RagOptions>().Answering,
            models.Reranker, logger: services.GetRequiredService<ILogger<Answerer>>());
    }

    private static IngestionPipeline CreateIngestionPipeline(IServiceProvider services)
    {
        var options = services.GetRequiredService<RagOptions>();
        var models = services.GetRequiredService<RagModels>();
        var chunker = new TextChunker(models.TokenCounter, options.Chunking.FitTo(models.EmbeddingMaxTokens));
        return new IngestionPipeline(services.GetRequiredService<IChunkStore>(), services.GetRequiredService<DocumentReaderRegistry>(), chunker,
            models.EmbeddingGenerator, options.Ingestion, services.GetRequiredService<ILogger<IngestionPipeline>>());
    }
}
