using RagSystem.Storage;

namespace RagSystem.Ingestion;

/// <summary>What the store holds when a run starts: its documents and remembered failures, by document id.</summary>
internal sealed record StoreState(IReadOnlyDictionary<string, DocumentRecord> Documents, IReadOnlyDictionary<string, DocumentFailureRecord> Failures)
{
    public static async Task<StoreState> LoadAsync(IChunkStore store, CancellationToken cancellationToken)
    {
        var documents = (await store.ListDocumentsAsync(cancellationToken)).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var failures = (await store.ListFailuresAsync(cancellationToken)).ToDictionary(f => f.DocumentId, StringComparer.Ordinal);
        return new StoreState(documents, failures);
    }
}
