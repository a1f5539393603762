namespace RagSystem.Storage;

/// <summary>Settings of the embedded SQLite store. The defaults were tuned on the SciFact train split (docs/retrieval.md).</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>File name of the store inside the data directory. Default <c>rag.db</c>.</summary>
    public const string DefaultFileName = "rag.db";

    /// <summary>FTS5 tokenizer, used only when a new store is created (an existing store keeps the one it was built with).
    /// Default <c>porter unicode61 remove_diacritics 2</c>: Porter stemming over Unicode word splitting, accents folded.</summary>
    public string FtsTokenizer { get; set; } = "porter unicode61 remove_diacritics 2";

    /// <summary>BM25 weight of the heading column (the chunk's heading path, or a BEIR title; the body holds the title too,
    /// so this is a title boost). Default 2, the best of 0, 0.25, 0.5, 1 and 2 on SciFact train.</summary>
    public double HeadingWeight { get; set; } = 2.0;

    /// <summary>BM25 weight of the document-title column (every chunk of a document carries its title, so a question that
    /// names the document finds its chunks). Default 1.</summary>
    public double TitleWeight { get; set; } = 1.0;

    /// <summary>BM25 weight of the chunk text column. Default 1.</summary>
    public double BodyWeight { get; set; } = 1.0;

    /// <summary>Drop common English words from lexical queries (a query made only of stop-words keeps them). Default true:
    /// equal quality on SciFact train (±0.001 nDCG@10) at half the query time, since stop-words match nearly every chunk.</summary>
    public bool RemoveStopWords { get; set; } = true;

    /// <summary>The index that answers lexical searches. Default <see cref="SqliteLexicalEngine.Lucene"/>; the FTS5 table is
    /// written either way, so <see cref="SqliteLexicalEngine.Fts5"/> can be chosen at any time. The Lucene index rounds the
    /// column weights to whole numbers (a weight there is how often a column's terms are counted, at most 16).</summary>
    public SqliteLexicalEngine LexicalEngine { get; set; } = SqliteLexicalEngine.Lucene;

    /// <summary>BM25 term-frequency saturation of the Lucene lexical index (applied at query time: changing it needs no
    /// rebuild). Default 1.2, the best with <see cref="LuceneB"/> 0.3 of a grid on SciFact train (docs/retrieval.md).</summary>
    public double LuceneK1 { get; set; } = 1.2;

    /// <summary>BM25 length normalisation of the Lucene lexical index (applied at query time). Default 0.3 (SciFact train).</summary>
    public double LuceneB { get; set; } = 0.3;

    /// <summary>How long a writer waits for another process's lock before failing. Default 30 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Threads for exact dense search. Default: all processors.</summary>
    public int DenseSearchThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Whether the in-memory dense matrix holds float32 vectors or int8 codes (one scale per vector, a quarter of
    /// the RAM) whose top candidates are re-scored exactly from the float32 blobs in the file. Default
    /// <see cref="Storage.DenseQuantization.Auto"/>: float32 up to <see cref="QuantizeAboveChunks"/> vectors, int8 above.</summary>
    public DenseQuantization DenseQuantization { get; set; } = DenseQuantization.Auto;

    /// <summary>With <see cref="Storage.DenseQuantization.Auto"/>, the number of vectors above which the matrix is quantized
    /// to int8. Default 250,000 (384 MB of float32 at 384 dimensions; see docs/performance.md).</summary>
    public int QuantizeAboveChunks { get; set; } = 250_000;

    /// <summary>With an int8 matrix, how many candidates per requested result are taken from the int8 scan and re-scored in
    /// float32. Default 4 (recall@10 against exact search in docs/performance.md).</summary>
    public int QuantizedOversampling { get; set; } = 4;

    /// <summary>Rows above which the dense index quantizes, from <see cref="DenseQuantization"/> and <see cref="QuantizeAboveChunks"/>.</summary>
    internal int QuantizeAboveRows => DenseQuantization switch
    {
        DenseQuantization.Off => int.MaxValue,
        DenseQuantization.Int8 => 0,
        _ => QuantizeAboveChunks,
    };
}
