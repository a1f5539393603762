namespace RagSystem.Storage;

/// <summary>How the SQLite store holds its in-memory dense matrix (<c>Store:Sqlite:DenseQuantization</c>).</summary>
public enum DenseQuantization
{
    /// <summary>float32 up to <see cref="SqliteStoreOptions.QuantizeAboveChunks"/> vectors, int8 above. The index counts the
    /// rows it holds (replaced rows count until the next compaction); one that has grown past the threshold quantizes in place
    /// and stays int8 until it is next loaded whole (compaction, or a new process), when it is sized again.</summary>
    Auto,

    /// <summary>Always float32: every search exact, 4 bytes per component in RAM.</summary>
    Off,

    /// <summary>Always int8 codes (1 byte per component), the top candidates re-scored exactly from the float32 blobs.</summary>
    Int8,
}
