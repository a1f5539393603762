namespace RagSystem.Storage;

/// <summary>Where documents and their chunks live. Implementations: SQLite (embedded default), Qdrant.</summary>
public interface IChunkStore
{
    /// <summary>Replaces a document and all its chunks as one unit: after a crash at any point the
    /// store holds either the old version completely or the new one completely.</summary>
    Task UpsertDocumentAsync(DocumentRecord document, IReadOnlyList<ChunkRecord> chunks, CancellationToken cancellationToken = default);

    /// <summary>Removes a document and its chunks. Returns false when it was not stored.</summary>
    Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>Gets a document by id, or null.</summary>
    Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>All stored documents, ordered by path.</summary>
    Task<IReadOnlyList<DocumentRecord>> ListDocumentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Dense or lexical search; see <see cref="SearchRequest"/>. Results are best first.</summary>
    Task<IReadOnlyList<ScoredChunk>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>The chunks of one document in ordinal order.</summary>
    Task<IReadOnlyList<ChunkRecord>> GetChunksAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>Remembers that a document's bytes could not be ingested, replacing any earlier failure of that document.
    /// Storing the document (<see cref="UpsertDocumentAsync"/>) or deleting it (<see cref="DeleteDocumentAsync"/>) forgets it.</summary>
    Task RecordFailureAsync(DocumentFailureRecord failure, CancellationToken cancellationToken = default);

    /// <summary>All remembered failures, ordered by path.</summary>
    Task<IReadOnlyList<DocumentFailureRecord>> ListFailuresAsync(CancellationToken cancellationToken = default);

    /// <summary>Counts and models.</summary>
    Task<StoreStats> StatsAsync(CancellationToken cancellationToken = default);
}
