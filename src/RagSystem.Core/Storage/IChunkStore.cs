namespace RagSystem.Storage;

/// <summary>Where documents and their chunks live, with everything ingestion must remember (content hashes, failures), so
/// several machines writing into one shared store agree. Implementations: <see cref="SqliteChunkStore"/> (embedded default)
/// and the Qdrant store in RagSystem.Qdrant; both pass the same contract test suite. Creating a store does no I/O: it opens
/// its file or collection on first use.</summary>
public interface IChunkStore
{
    /// <summary>What the store can do beyond the minimum, such as fusing hybrid searches itself.</summary>
    StoreCapabilities Capabilities { get; }

    /// <summary>The embedding model and vector length the store holds, or null when it holds no vectors yet.</summary>
    Task<EmbeddingSpace?> GetEmbeddingSpaceAsync(CancellationToken cancellationToken = default);

    /// <summary>Fixes the store's embedding space when it has none (creating the collection with that vector size), and
    /// checks it otherwise. <see cref="UpsertDocumentAsync"/> does the same with the first vectors it receives.</summary>
    /// <exception cref="RagException">The store holds vectors of another model or length (<see cref="RagErrorKind.Conflict"/>).</exception>
    Task EnsureEmbeddingSpaceAsync(EmbeddingSpace space, CancellationToken cancellationToken = default);

    /// <summary>Replaces a document and all its chunks as one unit: after a crash at any point the
    /// store holds either the old version completely or the new one completely, and searches see only one of them.</summary>
    /// <exception cref="RagException">A chunk's vector belongs to another embedding model or length (<see cref="RagErrorKind.Conflict"/>).</exception>
    Task UpsertDocumentAsync(DocumentRecord document, IReadOnlyList<ChunkRecord> chunks, CancellationToken cancellationToken = default);

    /// <summary>Removes a document and its chunks. Returns false when it was not stored.</summary>
    Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>Gets a document by id, or null.</summary>
    Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>All stored documents, ordered by path.</summary>
    Task<IReadOnlyList<DocumentRecord>> ListDocumentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Dense, lexical or (when <see cref="StoreCapabilities.FusesHybrid"/>) fused search; see <see cref="SearchRequest"/>.
    /// Results are best first and carry no vectors unless <see cref="SearchRequest.IncludeVectors"/> is set.</summary>
    /// <exception cref="RagException">The request is malformed (<see cref="RagErrorKind.InvalidInput"/>), or its vector or model
    /// does not match the store's (<see cref="RagErrorKind.Conflict"/>).</exception>
    Task<IReadOnlyList<ScoredChunk>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>The chunks of one document in ordinal order, without their vectors.</summary>
    Task<IReadOnlyList<ChunkRecord>> GetChunksAsync(string documentId, CancellationToken cancellationToken = default) =>
        GetChunksAsync(documentId, includeVectors: false, cancellationToken);

    /// <summary>The chunks of one document in ordinal order, with their vectors when <paramref name="includeVectors"/>.</summary>
    Task<IReadOnlyList<ChunkRecord>> GetChunksAsync(string documentId, bool includeVectors, CancellationToken cancellationToken = default);

    /// <summary>Remembers that a document's bytes could not be ingested, replacing any earlier failure of that document.
    /// Storing the document (<see cref="UpsertDocumentAsync"/>) or deleting it (<see cref="DeleteDocumentAsync"/>) forgets it.</summary>
    Task RecordFailureAsync(DocumentFailureRecord failure, CancellationToken cancellationToken = default);

    /// <summary>All remembered failures, ordered by path.</summary>
    Task<IReadOnlyList<DocumentFailureRecord>> ListFailuresAsync(CancellationToken cancellationToken = default);

    /// <summary>Counts and models.</summary>
    Task<StoreStats> StatsAsync(CancellationToken cancellationToken = default);
}
