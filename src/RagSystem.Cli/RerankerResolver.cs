using Microsoft.Extensions.Logging;
using RagSystem.Retrieval;

namespace RagSystem.Cli;

/// <summary>The one place the CLI obtains the reranker model; null (the default) means no reranking.
/// The ONNX cross-encoder is wired here (from options.RerankerModelDirectory).</summary>
internal static class RerankerResolver
{
    /// <summary>Creates the reranker for the configured models folder, or null when there is none.</summary>
    public static Func<RagOptions, ILoggerFactory, IReranker?> Create { get; set; } = static (_, _) => null;

    /// <summary>The notice shown when reranking was asked for but no reranker model exists.</summary>
    public static string MissingModelNotice(RagOptions options) =>
        $"no reranker model in {options.RerankerModelDirectory} (run `rag models pull` for a reranker)";
}
