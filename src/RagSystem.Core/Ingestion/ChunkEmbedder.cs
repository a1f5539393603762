using Microsoft.Extensions.AI;
using RagSystem.Embeddings;

namespace RagSystem.Ingestion;

/// <summary>The embedding step: embeds the chunks of one or more documents in one call, so that many small
/// documents still fill the model's batches.</summary>
internal sealed class ChunkEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator)
{
    private static readonly EmbeddingGenerationOptions PassageOptions = new()
    {
        AdditionalProperties = new() { [EmbeddingInputKind.PropertyName] = EmbeddingInputKind.Passage },
    };

    public async Task EmbedAsync(IReadOnlyList<PreparedDocument> documents, CancellationToken cancellationToken)
    {
        var inputs = new List<string>();
        foreach (var d in documents)
            foreach (var c in d.Chunks)
                inputs.Add(TextForEmbedding(d.Title, c.HeadingPath, c.Text));
        var embeddings = await generator.GenerateAsync(inputs, PassageOptions, cancellationToken);
        if (embeddings.Count != inputs.Count)
            throw new InvalidOperationException($"The embedding model returned {embeddings.Count} vectors for {inputs.Count} inputs.");
        var next = 0;
        foreach (var d in documents)
        {
            var vectors = new float[d.Chunks.Count][];
            for (var i = 0; i < vectors.Length; i++) vectors[i] = embeddings[next++].Vector.ToArray();
            d.Vectors = vectors;
        }
    }

    /// <summary>The heading path says what a chunk is about even when its own sentences never name the topic,
    /// so it goes in front of the text for the embedding (the stored text stays the exact document span).</summary>
    internal static string TextForEmbedding(string? title, IReadOnlyList<string> headingPath, string text)
    {
        if (headingPath.Count == 0) return string.IsNullOrWhiteSpace(title) || text.StartsWith(title, StringComparison.Ordinal) ? text : $"{title}\n\n{text}";
        // Readers start a section's text with its own heading; then only the enclosing headings are missing.
        var path = text.StartsWith(headingPath[^1], StringComparison.Ordinal) ? headingPath.Take(headingPath.Count - 1) : headingPath;
        var prefix = string.Join(" > ", path);
        return prefix.Length == 0 ? text : $"{prefix}\n\n{text}";
    }
}
