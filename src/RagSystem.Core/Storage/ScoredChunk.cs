namespace RagSystem.Storage;

/// <summary>A search hit: the chunk, its document's relative path, and a score (higher is better).</summary>
public sealed record ScoredChunk(ChunkRecord Chunk, string DocumentPath, double Score);
