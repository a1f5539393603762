using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using RagSystem.Chunking;
using RagSystem.Embeddings;
using RagSystem.Generation;
using RagSystem.Onnx;
using RagSystem.Retrieval;

namespace RagSystem;

/// <summary>The models installed under <see cref="RagOptions.ModelsDirectory"/>, loaded through one shared ONNX Runtime
/// session factory. Each is optional: when a folder is absent its feature degrades and <see cref="Notices"/> says how.
/// A folder that is present but broken throws, because silently ignoring a model the user installed would mislead.</summary>
public sealed class RagModels : IDisposable
{
    private readonly List<string> _notices = [];
    private readonly OnnxSessionFactory _sessions;
    private bool _chatUnavailable;

    private RagModels(OnnxSessionFactory sessions) => _sessions = sessions;

    /// <summary>The embedding model, or null (retrieval is then lexical-only).</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? EmbeddingGenerator { get; private set; }

    /// <summary>The budget unit for chunking: the embedding model's tokens, or words.</summary>
    public ITokenCounter TokenCounter { get; private set; } = WordTokenCounter.Instance;

    /// <summary>The cross-encoder reranker, or null.</summary>
    public IReranker? Reranker { get; private set; }

    /// <summary>The local language model, or null (answers are then extractive). Loaded only by
    /// <see cref="LoadChatClient"/>, because opening a decoder costs seconds and most commands do not need one.</summary>
    public IChatClient? ChatClient { get; private set; }

    /// <summary>One-line notices about missing models.</summary>
    public IReadOnlyList<string> Notices => _notices;

    /// <summary>Loads the embedding model and (when <paramref name="withReranker"/>) the reranker.</summary>
    public static RagModels Load(RagOptions options, ILoggerFactory loggerFactory, bool withReranker = true)
    {
        var models = new RagModels(new OnnxSessionFactory(options.Onnx, loggerFactory.CreateLogger<OnnxSessionFactory>()));
        try
        {
            // Embedding:Endpoint: an OpenAI-compatible server computes the vectors; chunks are then budgeted in words.
            var endpoint = string.IsNullOrWhiteSpace(options.Embedding.Endpoint) ? null : EndpointEmbeddingGenerator.Create(options.Embedding);
            string? why = null;
            var embedding = endpoint is not null ? null : OnnxEmbeddingGenerator.TryCreate(options.EmbeddingModelDirectory, out why, options.Embedding, models._sessions,
                loggerFactory.CreateLogger<OnnxEmbeddingGenerator>());
            if (endpoint is not null) models.EmbeddingGenerator = endpoint;
            else if (embedding is null)
                models._notices.Add(Directory.Exists(options.EmbeddingModelDirectory)
                    ? $"the embedding model in {options.EmbeddingModelDirectory} is not usable ({why}): lexical search only"
                    : $"no embedding model in {options.EmbeddingModelDirectory}: lexical search only; run `rag models pull bge-small-en-v1.5`");
            else
            {
                models.EmbeddingGenerator = embedding;
                models.TokenCounter = embedding.TokenCounter;
            }
            if (withReranker)
            {
                models.Reranker = OnnxCrossEncoderReranker.TryCreate(options.RerankerModelDirectory, out _, options.Reranker, models._sessions,
                    loggerFactory.CreateLogger<OnnxCrossEncoderReranker>());
            }
            if ((embedding ?? (object?)models.Reranker) is not null && models._sessions.Provider.Notice is { } provider)
                models._notices.Add(provider);
            return models;
        }
        catch
        {
            models.Dispose();
            throw;
        }
    }

    /// <summary>Opens the generator in <see cref="RagOptions.GeneratorModelDirectory"/> once; returns null (with a notice)
    /// when there is none or it cannot be used.</summary>
    public IChatClient? LoadChatClient(RagOptions options, ILoggerFactory loggerFactory)
    {
        if (ChatClient is not null || _chatUnavailable) return ChatClient;
        ChatClient = ChatClientFactory.TryCreate(options, _sessions, loggerFactory, out var notice);
        _chatUnavailable = ChatClient is null;
        if (notice is not null && !_notices.Contains(notice)) _notices.Add(notice);
        return ChatClient;
    }

    public void Dispose()
    {
        (ChatClient as IDisposable)?.Dispose();
        (EmbeddingGenerator as IDisposable)?.Dispose();
        (Reranker as IDisposable)?.Dispose();
        _sessions.Dispose();
    }
}
