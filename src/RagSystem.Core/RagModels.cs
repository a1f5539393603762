using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using RagSystem.Chunking;
using RagSystem.Embeddings;
using RagSystem.Generation;
using RagSystem.Ocr;
using RagSystem.Onnx;
using RagSystem.Retrieval;

namespace RagSystem;

/// <summary>The models installed under <see cref="RagOptions.ModelsDirectory"/>, loaded through one shared ONNX Runtime
/// session factory. Each is optional: when a folder is absent its feature degrades and <see cref="Notices"/> says how.
/// A folder that is present but broken throws, because silently ignoring a model the user installed would mislead.
/// Each model is opened at most once, on first use, however many requests ask for it at the same moment.
/// <para>The embedding generator and the chat client are handed out as Microsoft.Extensions.AI pipelines built with
/// <see cref="EmbeddingGeneratorBuilder{TInput, TEmbedding}"/> and <see cref="ChatClientBuilder"/>: OpenTelemetry
/// (<c>UseOpenTelemetry</c>, source <see cref="Diagnostics.RagTelemetry.SourceName"/>), logging (<c>UseLogging</c>), and for the
/// chat client a limit of <see cref="GeneratorOptions.MaxConcurrentGenerations"/> generations at once
/// (<see cref="ConcurrencyLimitingChatClient"/>). <c>GetService</c> reaches through to the ONNX model underneath.</para></summary>
public sealed class RagModels : IDisposable
{
    private readonly RagOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly OnnxSessionFactory _sessions;
    private readonly Lock _noticeLock = new();
    private readonly List<string> _notices = [];
    private readonly Lazy<OnnxEmbeddingGenerator?> _embedding;
    private readonly Lazy<IEmbeddingGenerator<string, Embedding<float>>?> _embeddingPipeline;
    private readonly Lazy<IReranker?> _reranker;
    private readonly Lazy<IChatClient?> _chat;
    private readonly Lazy<IOcrEngine?> _ocr;

    /// <summary>Prepares to load the models configured in <paramref name="options"/>; nothing is read until a model is asked for.</summary>
    /// <param name="options">Where the models are and how to run them.</param>
    /// <param name="loggerFactory">Diagnostics.</param>
    /// <param name="withReranker">False to never load the reranker (for example when measuring fused ranking alone).</param>
    public RagModels(RagOptions options, ILoggerFactory loggerFactory, bool withReranker = true)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        _sessions = new OnnxSessionFactory(options.Onnx, loggerFactory.CreateLogger<OnnxSessionFactory>());
        // Embedding:Endpoint: an OpenAI-compatible server computes the vectors, and chunks are then budgeted in words.
        var endpoint = !string.IsNullOrWhiteSpace(options.Embedding.Endpoint);
        _embedding = new(() => endpoint ? null : LoadEmbedding(), LazyThreadSafetyMode.ExecutionAndPublication);
        _embeddingPipeline = new(() => endpoint ? BuildEmbeddingPipeline(EndpointEmbeddingGenerator.Create(options.Embedding))
            : _embedding.Value is { } onnx ? BuildEmbeddingPipeline(onnx) : null, LazyThreadSafetyMode.ExecutionAndPublication);
        _reranker = new(() => withReranker ? LoadReranker() : null, LazyThreadSafetyMode.ExecutionAndPublication);
        _chat = new(LoadChat, LazyThreadSafetyMode.ExecutionAndPublication);
        _ocr = new(FindOcr, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The embedding model, or null (retrieval is then lexical-only).</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? EmbeddingGenerator => _embeddingPipeline.Value;

    /// <summary>The budget unit for chunking: the embedding model's tokens, or words.</summary>
    public ITokenCounter TokenCounter => _embedding.Value?.TokenCounter ?? WordTokenCounter.Instance;

    /// <summary>The most tokens the embedding model reads, or null without one.</summary>
    public int? EmbeddingMaxTokens => _embedding.Value?.Profile.MaxTokens;

    /// <summary>The cross-encoder reranker, or null.</summary>
    public IReranker? Reranker => _reranker.Value;

    /// <summary>The local language model, or null (answers are then extractive). Opened on first use, because a decoder costs
    /// seconds to open and most commands do not need one.</summary>
    public IChatClient? ChatClient => _chat.Value;

    /// <summary>The OCR engine when <c>Ocr:Enabled</c> and the PP-OCR files are in the OCR model folder, else null (scanned
    /// pages then fail as having no text). Its models are opened on the first image.</summary>
    public IOcrEngine? OcrEngine => _ocr.Value;

    /// <summary>One-line notices about models that are missing or unusable, for the models asked for so far.</summary>
    public IReadOnlyList<string> Notices
    {
        get
        {
            lock (_noticeLock) return [.. _notices];
        }
    }

    private OnnxEmbeddingGenerator? LoadEmbedding()
    {
        var folder = _options.EmbeddingModelDirectory;
        var embedding = OnnxEmbeddingGenerator.TryCreate(folder, out var why, _options.Embedding, _sessions, _loggerFactory.CreateLogger<OnnxEmbeddingGenerator>());
        if (embedding is null)
            Notice(Directory.Exists(folder)
                ? $"the embedding model in {folder} is not usable ({why}): lexical search only"
                : $"no embedding model in {folder}: lexical search only; run `rag models pull bge-small-en-v1.5`");
        else if (_sessions.Provider.Notice is { } provider) Notice(provider);
        return embedding;
    }

    private IReranker? LoadReranker()
    {
        var folder = _options.RerankerModelDirectory;
        var reranker = OnnxCrossEncoderReranker.TryCreate(folder, out var why, _options.Reranker, _sessions, _loggerFactory.CreateLogger<OnnxCrossEncoderReranker>());
        // No reranker folder is the common case and needs no notice; one that is present but unusable does.
        if (reranker is null && Directory.Exists(folder)) Notice($"the reranker model in {folder} is not usable ({why?.TrimEnd('.')}): results are not reranked");
        else if (reranker is not null && _sessions.Provider.Notice is { } provider) Notice(provider);
        return reranker;
    }

    private IChatClient? LoadChat()
    {
        // Generator:Endpoint, or the local decoder through the shared session factory (one execution provider for all models).
        var chat = ChatClientFactory.TryCreate(_options, _sessions, _loggerFactory, out var notice);
        if (notice is not null) Notice(notice);
        if (chat is null) return null;
        // Outermost first: the span and the log cover the wait for a free generation slot too, which is what a caller feels.
        return new ChatClientBuilder(chat)
            .UseOpenTelemetry(_loggerFactory, Diagnostics.RagTelemetry.SourceName)
            .UseLogging(_loggerFactory)
            .UseConcurrencyLimit(_options.Generator.MaxConcurrentGenerations)
            .Build();
    }

    private IEmbeddingGenerator<string, Embedding<float>> BuildEmbeddingPipeline(IEmbeddingGenerator<string, Embedding<float>> generator) =>
        new EmbeddingGeneratorBuilder<string, Embedding<float>>(generator)
            .UseOpenTelemetry(_loggerFactory, Diagnostics.RagTelemetry.SourceName)
            .UseLogging(_loggerFactory)
            .Build();

    private IOcrEngine? FindOcr()
    {
        var folder = _options.Ocr.ResolveModelDirectory(_options.ModelsDirectory);
        if (!_options.Ocr.Enabled || OcrModelFiles.Find(folder) is not { } files) return null;
        return new LazyOcrEngine(() => new PaddleOcrEngine(files, _sessions, _options.Ocr, _loggerFactory.CreateLogger<PaddleOcrEngine>()));
    }

    private void Notice(string message)
    {
        // The provider notice (auto fell back to the CPU) is raised by each model that loads; say it once.
        lock (_noticeLock)
        {
            if (!_notices.Contains(message)) _notices.Add(message);
        }
    }

    /// <summary>Closes the models that were opened.</summary>
    public void Dispose()
    {
        if (_chat.IsValueCreated) (_chat.Value as IDisposable)?.Dispose();
        // The pipeline disposes the model it wraps.
        if (_embeddingPipeline.IsValueCreated) _embeddingPipeline.Value?.Dispose();
        else if (_embedding.IsValueCreated) _embedding.Value?.Dispose();
        if (_reranker.IsValueCreated) (_reranker.Value as IDisposable)?.Dispose();
        _sessions.Dispose();
    }
}
