using System.ComponentModel;
using Microsoft.SemanticKernel;
using RagSystem.Retrieval;

namespace RagSystem.SemanticKernel;

/// <summary>The Semantic Kernel plugin over the ingested documents: one function, <c>search_documents</c>, that an
/// agent or planner calls to find passages with their sources.</summary>
public sealed class DocumentsPlugin(IRetriever retriever)
{
    /// <summary>The plugin name used by <see cref="KernelBuilderExtensions.AddRagDocuments(IKernelBuilder, IRetriever, Microsoft.Extensions.AI.IChatClient?, Microsoft.Extensions.AI.IEmbeddingGenerator{string, Microsoft.Extensions.AI.Embedding{float}}?, string)"/>.</summary>
    public const string DefaultName = "documents";

    /// <summary>The most passages one call returns.</summary>
    public const int MaxTop = 50;

    /// <summary>Searches the documents and returns the best passages, best first, each with its source path and page.</summary>
    [KernelFunction("search_documents")]
    [Description("Searches the user's ingested documents and returns the most relevant passages, best first, each with its source file, page and heading. Cite a passage by its n.")]
    public async Task<IReadOnlyList<DocumentSearchHit>> SearchDocumentsAsync(
        [Description("What to look for: a question or keywords.")] string query,
        [Description("How many passages to return (1-50).")] int top = 5,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(query)) throw new ArgumentException("search_documents needs a non-empty query.", nameof(query));
        var options = new RetrievalOptions { Top = Math.Clamp(top, 1, MaxTop) };
        var chunks = await retriever.RetrieveAsync(query, options, cancellationToken);
        return chunks.Select((r, i) => new DocumentSearchHit(
            i + 1,
            r.DocumentPath,
            r.Chunk.PageStart,
            r.Chunk.PageEnd,
            r.Chunk.HeadingPath.Count > 0 ? string.Join(" > ", r.Chunk.HeadingPath) : null,
            r.Chunk.Text,
            r.Score)).ToList();
    }
}
