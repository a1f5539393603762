namespace RagSystem.Storage;

/// <summary>Which index answers the SQLite store's lexical searches.</summary>
public enum SqliteLexicalEngine
{
    /// <summary>A Lucene.Net index in a folder beside the database (<c>rag.lucene</c>), kept in step with SQLite through a
    /// change log and rebuilt from it when missing or damaged. BM25 with tunable k1 and b; 11–90× faster than FTS5 at the p50 from 5k to 1M chunks (docs/performance.md).</summary>
    Lucene,

    /// <summary>SQLite's FTS5 table, ranked by <c>bm25()</c> (k1 1.2, b 0.75). Always maintained, so switching needs no rebuild.</summary>
    Fts5,
}
