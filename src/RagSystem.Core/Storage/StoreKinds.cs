namespace RagSystem.Storage;

/// <summary>The names <see cref="StoreOptions.Kind"/> accepts for the built-in store kinds.</summary>
public static class StoreKinds
{
    /// <summary>The embedded SQLite store, the default.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>A Qdrant server, through RagSystem.Qdrant.</summary>
    public const string Qdrant = "qdrant";
}
