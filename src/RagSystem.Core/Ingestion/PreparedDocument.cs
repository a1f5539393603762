using RagSystem.Chunking;

namespace RagSystem.Ingestion;

/// <summary>An input that has been read and chunked and is on its way to the store.</summary>
internal sealed record PreparedDocument(
    string Path,
    string DocumentId,
    string ContentHash,
    long SizeBytes,
    string Format,
    string? Title,
    IReadOnlyList<Chunk> Chunks,
    IReadOnlyList<string>? Tags,
    bool Replaces,
    int OcrPages = 0)
{
    /// <summary>Filled by the embedding step; null when the run is lexical-only.</summary>
    public IReadOnlyList<float[]>? Vectors { get; set; }
}
