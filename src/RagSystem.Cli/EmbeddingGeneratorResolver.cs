using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace RagSystem.Cli;

/// <summary>The one place the CLI obtains the query/passage embedding model. When it returns null, commands fall back to
/// lexical retrieval and print <see cref="MissingModelNotice"/>.</summary>
internal static class EmbeddingGeneratorResolver
{
    /// <summary>Creates the embedding generator for the configured models folder, or null when there is no model there.
    /// The ONNX embedding generator is wired here (OnnxEmbeddingGenerator.TryCreate(options.EmbeddingModelDirectory, ...)).</summary>
    public static Func<RagOptions, ILoggerFactory, IEmbeddingGenerator<string, Embedding<float>>?> Create { get; set; } = static (_, _) => null;

    /// <summary>The generator, or null after printing the one-line notice to stderr.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>>? Resolve(RagHost host)
    {
        var generator = Create(host.Options, host.LoggerFactory);
        if (generator is null) host.Notice(MissingModelNotice(host.Options));
        return generator;
    }

    /// <summary>The notice shown when retrieval runs without an embedding model.</summary>
    public static string MissingModelNotice(RagOptions options) =>
        $"no embedding model in {options.EmbeddingModelDirectory}: lexical search only (run `rag models pull bge-small-en-v1.5`)";
}
