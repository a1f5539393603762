using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>The store's write transactions. Each runs inside one <c>BEGIN IMMEDIATE</c> transaction and bumps the
/// <c>generation</c> counter, so a killed process leaves a document fully old or fully new, and readers know to reload vectors.</summary>
internal static class SqliteDocumentWriter
{
    public static async Task UpsertAsync(SqliteConnection connection, DocumentRecord document, IReadOnlyList<ChunkRecord> chunks, string location, CancellationToken cancellationToken)
    {
        var space = EmbeddingSpace.FromChunks(chunks);
        await using var tx = connection.BeginTransaction(deferred: false);
        if (space is not null) await SqliteEmbeddingSpace.EnsureAsync(connection, tx, space, location, cancellationToken);
        await DeleteChunksAsync(connection, tx, document.Id, cancellationToken);

        await using var insertChunk = Command(connection, tx,
            """
            INSERT INTO chunks (id, document_id, ordinal, text, token_count, page_start, page_end, heading_path, start, length, embedding_model, vector,
              page_label, ocr_confidence)
            VALUES ($id, $doc, $ordinal, $text, $tokens, $ps, $pe, $hp, $start, $length, $model, $vector, $label, $ocr) RETURNING rowid
            """);
        var pId = insertChunk.Parameters.Add("$id", SqliteType.Text);
        var pDoc = insertChunk.Parameters.Add("$doc", SqliteType.Text);
        var pOrdinal = insertChunk.Parameters.Add("$ordinal", SqliteType.Integer);
        var pText = insertChunk.Parameters.Add("$text", SqliteType.Text);
        var pTokens = insertChunk.Parameters.Add("$tokens", SqliteType.Integer);
        var pPageStart = insertChunk.Parameters.Add("$ps", SqliteType.Integer);
        var pPageEnd = insertChunk.Parameters.Add("$pe", SqliteType.Integer);
        var pHeading = insertChunk.Parameters.Add("$hp", SqliteType.Text);
        var pStart = insertChunk.Parameters.Add("$start", SqliteType.Integer);
        var pLength = insertChunk.Parameters.Add("$length", SqliteType.Integer);
        var pModel = insertChunk.Parameters.Add("$model", SqliteType.Text);
        var pVector = insertChunk.Parameters.Add("$vector", SqliteType.Blob);
        var pLabel = insertChunk.Parameters.Add("$label", SqliteType.Text);
        var pOcr = insertChunk.Parameters.Add("$ocr", SqliteType.Real);
        await using var insertFts = Command(connection, tx, "INSERT INTO chunks_fts (rowid, title, heading, body) VALUES ($rowid, $title, $heading, $body)");
        var pFtsTitle = insertFts.Parameters.Add("$title", SqliteType.Text);
        var pRowId = insertFts.Parameters.Add("$rowid", SqliteType.Integer);
        var pFtsHeading = insertFts.Parameters.Add("$heading", SqliteType.Text);
        var pBody = insertFts.Parameters.Add("$body", SqliteType.Text);

        foreach (var chunk in chunks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!string.Equals(chunk.DocumentId, document.Id, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Chunk {chunk.Id} belongs to document {chunk.DocumentId}, not {document.Id}.", nameof(chunks));
            }
            pId.Value = chunk.Id.ToString();
            pDoc.Value = chunk.DocumentId;
            pOrdinal.Value = chunk.Ordinal;
            pText.Value = chunk.Text;
            pTokens.Value = chunk.TokenCount;
            pPageStart.Value = (object?)chunk.PageStart ?? DBNull.Value;
            pPageEnd.Value = (object?)chunk.PageEnd ?? DBNull.Value;
            pHeading.Value = SqliteRows.WriteList(chunk.HeadingPath);
            pStart.Value = chunk.Start;
            pLength.Value = chunk.Length;
            pModel.Value = (object?)chunk.EmbeddingModel ?? DBNull.Value;
            pVector.Value = chunk.Vector is null ? DBNull.Value : SqliteRows.ToBlob(chunk.Vector);
            pLabel.Value = (object?)chunk.PageLabel ?? DBNull.Value;
            pOcr.Value = (object?)chunk.OcrConfidence ?? DBNull.Value;
            var rowId = Convert.ToInt64(await insertChunk.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

            pRowId.Value = rowId;
            pFtsTitle.Value = SqliteFtsIndex.TitleText(document.Title);
            pFtsHeading.Value = SqliteFtsIndex.HeadingText(chunk.HeadingPath);
            pBody.Value = SqliteFtsIndex.BodyText(chunk.Text);
            await insertFts.ExecuteNonQueryAsync(cancellationToken);
        }

        await SqliteDenseChangeLog.LogAddedAsync(connection, tx, document.Id, cancellationToken);
        await using (var tags = Command(connection, tx, "DELETE FROM document_tags WHERE document_id = $doc; DELETE FROM failures WHERE document_id = $doc"))
        {
            tags.Parameters.AddWithValue("$doc", document.Id);
            await tags.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var insertTag = Command(connection, tx, "INSERT OR IGNORE INTO document_tags (document_id, tag) VALUES ($doc, $tag)"))
        {
            insertTag.Parameters.AddWithValue("$doc", document.Id);
            var pTag = insertTag.Parameters.Add("$tag", SqliteType.Text);
            foreach (var tag in document.Tags ?? [])
            {
                pTag.Value = tag;
                await insertTag.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        // The document row (with its new content hash) goes last: ingestion compares hashes to skip unchanged files.
        await using (var upsert = Command(connection, tx,
            """
            INSERT INTO documents (id, path, content_hash, size_bytes, format, chunk_count, embedding_model, ingested_utc, title, tags, ocr_pages)
            VALUES ($id, $path, $hash, $size, $format, $count, $model, $at, $title, $tags, $ocrPages)
            ON CONFLICT (id) DO UPDATE SET path = excluded.path, content_hash = excluded.content_hash, size_bytes = excluded.size_bytes,
              format = excluded.format, chunk_count = excluded.chunk_count, embedding_model = excluded.embedding_model,
              ingested_utc = excluded.ingested_utc, title = excluded.title, tags = excluded.tags, ocr_pages = excluded.ocr_pages
            """))
        {
            upsert.Parameters.AddWithValue("$id", document.Id);
            upsert.Parameters.AddWithValue("$path", DocumentIds.NormalizeRelativePath(document.Path));
            upsert.Parameters.AddWithValue("$hash", document.ContentHash);
            upsert.Parameters.AddWithValue("$size", document.SizeBytes);
            upsert.Parameters.AddWithValue("$format", document.Format);
            upsert.Parameters.AddWithValue("$count", chunks.Count);
            upsert.Parameters.AddWithValue("$model", (object?)document.EmbeddingModel ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$at", document.IngestedUtc.ToString("O", CultureInfo.InvariantCulture));
            upsert.Parameters.AddWithValue("$title", (object?)document.Title ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$tags", SqliteRows.WriteList(document.Tags));
            upsert.Parameters.AddWithValue("$ocrPages", document.OcrPages);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        await BumpGenerationAsync(connection, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public static async Task<bool> DeleteAsync(SqliteConnection connection, string documentId, CancellationToken cancellationToken)
    {
        await using var tx = connection.BeginTransaction(deferred: false);
        await DeleteChunksAsync(connection, tx, documentId, cancellationToken);
        await using (var failure = Command(connection, tx, "DELETE FROM failures WHERE document_id = $doc"))
        {
            failure.Parameters.AddWithValue("$doc", documentId);
            await failure.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = Command(connection, tx, "DELETE FROM document_tags WHERE document_id = $doc; DELETE FROM documents WHERE id = $doc");
        command.Parameters.AddWithValue("$doc", documentId);
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        await BumpGenerationAsync(connection, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return deleted;
    }

    public static async Task RecordFailureAsync(SqliteConnection connection, DocumentFailureRecord failure, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO failures (document_id, path, content_hash, kind, reason, failed_utc) VALUES ($doc, $path, $hash, $kind, $reason, $at)
            ON CONFLICT (document_id) DO UPDATE SET path = excluded.path, content_hash = excluded.content_hash, kind = excluded.kind,
              reason = excluded.reason, failed_utc = excluded.failed_utc
            """;
        command.Parameters.AddWithValue("$doc", failure.DocumentId);
        command.Parameters.AddWithValue("$path", DocumentIds.NormalizeRelativePath(failure.Path));
        command.Parameters.AddWithValue("$hash", failure.ContentHash);
        command.Parameters.AddWithValue("$kind", failure.Kind.ToString());
        command.Parameters.AddWithValue("$reason", failure.Reason);
        command.Parameters.AddWithValue("$at", failure.FailedUtc.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task DeleteChunksAsync(SqliteConnection connection, SqliteTransaction tx, string documentId, CancellationToken cancellationToken)
    {
        await SqliteDenseChangeLog.LogRemovedAsync(connection, tx, documentId, cancellationToken);
        await SqliteLexicalChangeLog.LogAsync(connection, tx, documentId, cancellationToken);
        await using var command = Command(connection, tx,
            "DELETE FROM chunks_fts WHERE rowid IN (SELECT rowid FROM chunks WHERE document_id = $doc); DELETE FROM chunks WHERE document_id = $doc");
        command.Parameters.AddWithValue("$doc", documentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task BumpGenerationAsync(SqliteConnection connection, SqliteTransaction tx, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx, "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }
}
