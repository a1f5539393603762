using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>BM25 search over the FTS5 index, with the free-text query made safe by <see cref="FtsQueryBuilder"/>.</summary>
internal static class SqliteLexicalSearch
{
    public static async Task<IReadOnlyList<ScoredChunk>> SearchAsync(
        SqliteConnection connection, string text, int top, SearchFilter? filter, SqliteStoreOptions options, CancellationToken cancellationToken)
    {
        var match = FtsQueryBuilder.Build(text, options.RemoveStopWords);
        if (match is null) return [];
        await using var command = connection.CreateCommand();
        var conditions = SqliteFilterSql.Conditions(filter, command);
        // bm25() is lower-is-better; the contract wants higher-is-better, so the score is negated.
        command.CommandText = $"""
            SELECT {SqliteRows.ChunkColumns}, d.path, -bm25(chunks_fts, {Weight(options.HeadingWeight)}, {Weight(options.BodyWeight)}) AS score
            FROM chunks_fts JOIN chunks c ON c.rowid = chunks_fts.rowid JOIN documents d ON d.id = c.document_id
            WHERE chunks_fts MATCH $match{conditions}
            ORDER BY score DESC, c.rowid
            LIMIT $top
            """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$top", top);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var results = new List<ScoredChunk>();
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(new ScoredChunk(SqliteRows.ReadChunk(reader), reader.GetString(12), reader.GetDouble(13)));
        }
        return results;
    }

    private static string Weight(double weight) =>
        double.IsFinite(weight) && weight >= 0
            ? weight.ToString("R", CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(weight), weight, "BM25 column weights must be finite and non-negative.");
}
