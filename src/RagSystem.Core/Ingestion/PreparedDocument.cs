using RagSystem.Chunking;

namespace RagSystem.Ingestion;

/// <summary>A file that has been read and chunked and is on its way to the store.</summary>
internal sealed record PreparedDocument(
    SourceFile File,
    string DocumentId,
    string ContentHash,
    string Format,
    string? Title,
    IReadOnlyList<Chunk> Chunks,
    bool Replaces)
{
    /// <summary>Filled by the embedding step; null when the run is lexical-only.</summary>
    public IReadOnlyList<float[]>? Vectors { get; set; }
}
