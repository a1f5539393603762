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

    /// <summary>The document title and the heading path say what a chunk is about even when its own sentences never
    /// name the document or the topic, so they go in front of the text for the embedding, title first (the stored text
    /// stays the exact document span). Nothing is repeated: a title or heading the text already starts with is left out.</summary>
    internal static string TextForEmbedding(string? title, IReadOnlyList<string> headingPath, string text)
    {
        // Readers start a section's text with its own heading; then only the enclosing headings are missing.
        IEnumerable<string> path = headingPath.Count > 0 && text.StartsWith(headingPath[^1], StringComparison.Ordinal)
            ? headingPath.Take(headingPath.Count - 1)
            : headingPath;
        var lines = new List<string>(2);
        title = title?.Trim();
        // Markdown and DOCX titles are often the first heading too; PDF chunks often start with the title page.
        if (!string.IsNullOrEmpty(title) && !text.StartsWith(title, StringComparison.Ordinal)
            && !(headingPath.Count > 0 && string.Equals(headingPath[0], title, StringComparison.Ordinal)))
            lines.Add(title);
        var joined = string.Join(" > ", path);
        if (joined.Length > 0) lines.Add(joined);
        return lines.Count == 0 ? text : $"{string.Join('\n', lines)}\n\n{text}";
    }
}
