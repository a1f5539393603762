using RagSystem.Storage;

namespace RagSystem.Qdrant;

/// <summary>A document as its state point records it.</summary>
/// <param name="Document">The document.</param>
/// <param name="Version">The version whose chunk points are current.</param>
/// <param name="VectorCount">Chunks with a vector.</param>
/// <param name="ChunkModel">The model of those vectors.</param>
/// <param name="PendingCleanup">Points of other versions may still exist.</param>
/// <param name="Deleted">The document is being deleted.</param>
internal sealed record QdrantDocumentState(DocumentRecord Document, string Version, long VectorCount, string? ChunkModel, bool PendingCleanup, bool Deleted);
