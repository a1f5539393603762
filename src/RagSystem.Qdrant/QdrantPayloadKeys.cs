namespace RagSystem.Qdrant;

/// <summary>The payload keys of the store's points. One collection holds three kinds of point, told apart by <see cref="Kind"/>.</summary>
internal static class QdrantPayloadKeys
{
    /// <summary>Point kind: <see cref="ChunkKind"/>, <see cref="DocumentKind"/> or <see cref="FailureKind"/> (keyword index).</summary>
    public const string Kind = "kind";
    public const string ChunkKind = "chunk";
    public const string DocumentKind = "document";
    public const string FailureKind = "failure";

    /// <summary>The owning document's id (keyword index), on every kind.</summary>
    public const string DocumentId = "document_id";

    /// <summary>The write that produced a chunk point, or a document's complete version (keyword index).</summary>
    public const string Version = "version";

    /// <summary>The document's tags (keyword index).</summary>
    public const string Tags = "tags";

    /// <summary>On a document point: true until the points of other versions than the current one are deleted.</summary>
    public const string PendingCleanup = "pending_cleanup";

    /// <summary>The document's relative path (keyword index with prefix matching: path-prefix filters are one
    /// <c>match: {prefix}</c>, byte-wise and case-sensitive like the SQLite store's <c>substr</c> comparison).</summary>
    public const string Path = "path";

    /// <summary>On a document point: true while the document is being deleted (a tombstone the next listing finishes).</summary>
    public const string Deleted = "deleted";

    /// <summary>On a document point: how many of its chunks carry a vector, and their model.</summary>
    public const string VectorCount = "vector_count";
    public const string ChunkModel = "chunk_model";
    public const string ChunkId = "chunk_id";
    public const string Ordinal = "ordinal";
    public const string Text = "text";
    public const string TokenCount = "token_count";
    public const string PageStart = "page_start";
    public const string PageEnd = "page_end";
    public const string HeadingPath = "heading_path";
    public const string Start = "start";
    public const string Length = "length";
    public const string EmbeddingModel = "embedding_model";
    public const string ContentHash = "content_hash";
    public const string SizeBytes = "size_bytes";
    public const string Format = "format";
    public const string ChunkCount = "chunk_count";
    public const string IngestedUtc = "ingested_utc";
    public const string Title = "title";
    public const string PageLabel = "page_label";
    public const string OcrConfidence = "ocr_confidence";
    public const string OcrPages = "ocr_pages";
    public const string FailureKindName = "failure_kind";
    public const string Reason = "reason";
    public const string FailedUtc = "failed_utc";

    /// <summary>The named dense vector.</summary>
    public const string DenseVector = "dense";

    /// <summary>The named sparse vector (IDF modifier).</summary>
    public const string SparseVector = "lexical";

    /// <summary>Collection metadata keys: the embedding space and the analyzer the sparse vectors were built with.</summary>
    public const string MetaEmbeddingModel = "rag_embedding_model";
    public const string MetaEmbeddingDimensions = "rag_embedding_dimensions";
    public const string MetaAnalyzer = "rag_lexical_analyzer";

    /// <summary>The analyzer id written into new collections; a collection built by another analyzer is refused.</summary>
    public const string AnalyzerId = "fts5-porter-unicode61-stopwords/fnv1a32/bm25-k1.2-b0.75-avg200/2";
}
