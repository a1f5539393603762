namespace RagSystem.Storage;

/// <summary>Size of a store.</summary>
/// <param name="Documents">Documents stored.</param>
/// <param name="Chunks">Chunks stored.</param>
/// <param name="ChunksWithVectors">Chunks that carry an embedding.</param>
/// <param name="EmbeddingModels">Distinct embedding models used.</param>
/// <param name="Location">Where the store lives (file path or URL).</param>
public sealed record StoreStats(long Documents, long Chunks, long ChunksWithVectors, IReadOnlyList<string> EmbeddingModels, string Location);
