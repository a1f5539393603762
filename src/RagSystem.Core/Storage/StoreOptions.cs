namespace RagSystem.Storage;

/// <summary>Which store holds the index, and the settings of each kind. Bound from <c>Store:*</c>.</summary>
public sealed class StoreOptions
{
    /// <summary>The store kind: <c>sqlite</c> (embedded, one file under the data folder) or <c>qdrant</c> (a Qdrant server;
    /// needs the RagSystem.Qdrant package registered). Default <c>sqlite</c>.</summary>
    public string Kind { get; set; } = StoreKinds.Sqlite;

    /// <summary>Settings of the embedded SQLite store (<c>Store:Sqlite:*</c>).</summary>
    public SqliteStoreOptions Sqlite { get; set; } = new();
}
