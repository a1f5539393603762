using Google.Protobuf.Collections;
using Microsoft.Extensions.Logging;
using Qdrant.Client.Grpc;
using RagSystem.Storage;
using Keys = RagSystem.Qdrant.QdrantPayloadKeys;

namespace RagSystem.Qdrant;

/// <summary>Replace-by-version and delete, the crash-safe way without multi-point transactions. The document's state point is
/// the one source of truth: a single point's update is atomic in Qdrant, and reads trust only chunk points whose version
/// equals the state point's.</summary>
internal sealed class QdrantDocumentWriter(QdrantPoints points, QdrantStoreOptions options, ILogger logger)
{
    /// <summary>1. writes the new version's chunk points (invisible: no state names their version yet); 2. marks the document
    /// complete at that version (now they are the visible ones); 3. forgets the document's failure; 4. deletes every chunk
    /// point of another version; 5. clears the clean-up mark. A crash before 2 leaves the old version; after 2, the new one,
    /// and <see cref="ListStatesAsync"/> finishes steps 4–5.</summary>
    public async Task ReplaceAsync(DocumentRecord document, IReadOnlyList<ChunkRecord> chunks, CancellationToken cancellationToken)
    {
        var version = QdrantPointIds.Version(document, chunks);
        foreach (var batch in chunks.Chunk(options.UpsertBatchSize))
        {
            await points.UpsertAsync(batch.Select(c => QdrantPointMapper.Chunk(document, c, version, options.HeadingWeight)).ToList(), cancellationToken);
        }
        await points.UpsertAsync([QdrantPointMapper.Document(document, chunks, version)], cancellationToken);
        await points.DeleteAsync([QdrantPointIds.Failure(document.Id)], cancellationToken);
        await CleanUpAsync(document.Id, version, cancellationToken);
    }

    /// <summary>1. marks the document deleted (reads stop seeing it); 2. deletes its failure and chunk points; 3. deletes the
    /// state point. A crash after 1 is finished by <see cref="ListStatesAsync"/>.</summary>
    public async Task<bool> DeleteAsync(string documentId, CancellationToken cancellationToken)
    {
        var stateId = QdrantPointIds.Document(documentId);
        var existing = await points.GetAsync([stateId], cancellationToken);
        var existed = existing.TryGetValue(stateId, out var payload) && !QdrantPointMapper.Flag(payload, Keys.Deleted);
        if (existing.Count > 0) await points.SetPayloadAsync(stateId, new Dictionary<string, Value> { [Keys.Deleted] = true }, cancellationToken);
        await points.DeleteAsync([QdrantPointIds.Failure(documentId)], cancellationToken);
        await points.DeleteAsync(QdrantFilterMapper.ChunksExceptVersion(documentId, keep: null), cancellationToken);
        await points.DeleteAsync([stateId], cancellationToken);
        return existed;
    }

    /// <summary>The live (not deleted) documents among <paramref name="documentIds"/>, by id.</summary>
    public async Task<Dictionary<string, QdrantDocumentState>> ReadStatesAsync(IEnumerable<string> documentIds, CancellationToken cancellationToken)
    {
        var ids = documentIds.Distinct(StringComparer.Ordinal).Select(QdrantPointIds.Document).ToList();
        var found = await points.GetAsync(ids, cancellationToken);
        return found.Values.Select(Read).Where(s => !s.Deleted).ToDictionary(s => s.Document.Id, StringComparer.Ordinal);
    }

    /// <summary>Every live document, after finishing any replace or delete a crash interrupted.</summary>
    public async Task<List<QdrantDocumentState>> ListStatesAsync(CancellationToken cancellationToken)
    {
        var all = (await points.ScrollAsync(QdrantFilterMapper.OfKind(Keys.DocumentKind), false, cancellationToken)).Select(p => Read(p.Payload)).ToList();
        foreach (var state in all.Where(s => s.Deleted || s.PendingCleanup))
        {
            logger.LogInformation("Finishing an interrupted {Operation} of {Path}", state.Deleted ? "delete" : "replace", state.Document.Path);
            if (state.Deleted) await DeleteAsync(state.Document.Id, cancellationToken);
            else await CleanUpAsync(state.Document.Id, state.Version, cancellationToken);
        }
        return all.Where(s => !s.Deleted).ToList();
    }

    private async Task CleanUpAsync(string documentId, string version, CancellationToken cancellationToken)
    {
        await points.DeleteAsync(QdrantFilterMapper.ChunksExceptVersion(documentId, version), cancellationToken);
        await points.SetPayloadAsync(QdrantPointIds.Document(documentId), new Dictionary<string, Value> { [Keys.PendingCleanup] = false }, cancellationToken);
    }

    private static QdrantDocumentState Read(MapField<string, Value> p)
    {
        var deleted = QdrantPointMapper.Flag(p, Keys.Deleted);
        return new QdrantDocumentState(QdrantPointMapper.ReadDocument(p), p[Keys.Version].StringValue,
            p.TryGetValue(Keys.VectorCount, out var count) ? count.IntegerValue : 0, QdrantPointMapper.NullableString(p, Keys.ChunkModel),
            QdrantPointMapper.Flag(p, Keys.PendingCleanup), deleted);
    }
}
