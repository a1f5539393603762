using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using Microsoft.Data.Sqlite;
using RagSystem.Storage.Lexical;

namespace RagSystem.Storage.Sqlite;

/// <summary>Reads chunks from SQLite and adds them to a Lucene <see cref="IndexWriter"/>: one Lucene document per chunk,
/// holding its rowid (doc values, to load the hit from SQLite), its document id (indexed, to delete a document's chunks
/// by term, and doc values, for filters) and one text field of the title, heading and body terms, weighted by repetition.</summary>
internal static class LuceneChunkDocuments
{
    private const int IdBatch = 500;

    private static readonly FieldType TextFieldType = CreateTextFieldType();

    /// <summary>Adds every chunk of the store, read inside <paramref name="tx"/>. Returns how many were added.</summary>
    public static Task<long> AddAllAsync(IndexWriter writer, SqliteConnection connection, SqliteTransaction tx, ColumnRepeats repeats, CancellationToken cancellationToken) =>
        AddAsync(writer, connection, tx, "", [], repeats, cancellationToken);

    /// <summary>Replaces the chunks of <paramref name="documentIds"/> with their current rows (none for a deleted document).</summary>
    public static async Task<long> ReplaceAsync(IndexWriter writer, SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<string> documentIds,
        ColumnRepeats repeats, CancellationToken cancellationToken)
    {
        long added = 0;
        foreach (var batch in documentIds.Chunk(IdBatch))
        {
            foreach (var id in batch) writer.DeleteDocuments(new Term(LuceneLexicalIndex.DocumentField, id));
            added += await AddAsync(writer, connection, tx, " WHERE c.document_id IN (" + string.Join(", ", batch.Select((_, i) => "$d" + i)) + ")", batch, repeats, cancellationToken);
        }
        return added;
    }

    private static async Task<long> AddAsync(IndexWriter writer, SqliteConnection connection, SqliteTransaction tx, string where, IReadOnlyList<string> ids,
        ColumnRepeats repeats, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"SELECT c.rowid, c.document_id, d.title, c.heading_path, c.text FROM chunks c LEFT JOIN documents d ON d.id = c.document_id{where}";
        for (var i = 0; i < ids.Count; i++) command.Parameters.AddWithValue("$d" + i, ids[i]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long added = 0;
        string? lastTitle = null;
        List<string> titleTerms = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var documentId = reader.GetString(1);
            var title = reader.IsDBNull(2) ? "" : reader.GetString(2);
            // Chunks arrive grouped by document more often than not: analyze each title once per run of its chunks.
            if (!string.Equals(title, lastTitle, StringComparison.Ordinal))
            {
                titleTerms = LexicalAnalyzer.DocumentTerms(title);
                lastTitle = title;
            }
            var heading = SqliteRows.HeadingText(SqliteRows.ReadList(reader.GetString(3)));
            var columns = new List<(List<string>, int)>(3)
            {
                (titleTerms, repeats.Title),
                (LexicalAnalyzer.DocumentTerms(heading), repeats.Heading),
                (LexicalAnalyzer.DocumentTerms(reader.GetString(4)), repeats.Body),
            };
            var document = new Document
            {
                new NumericDocValuesField(LuceneLexicalIndex.RowIdField, reader.GetInt64(0)),
                new StringField(LuceneLexicalIndex.DocumentField, documentId, Field.Store.NO),
                new SortedDocValuesField(LuceneLexicalIndex.DocumentField, new BytesRef(documentId)),
                new Field(LuceneLexicalIndex.TextField, new LuceneWeightedTermsTokenStream(columns), TextFieldType),
            };
            writer.AddDocument(document);
            added++;
        }
        return added;
    }

    private static FieldType CreateTextFieldType()
    {
        // Frequencies and norms only: the store runs no phrase queries, and positions would double the index.
        var type = new FieldType { IsIndexed = true, IsTokenized = true, OmitNorms = false, IndexOptions = IndexOptions.DOCS_AND_FREQS };
        type.Freeze();
        return type;
    }
}
