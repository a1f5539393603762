using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>The store's <see cref="EmbeddingSpace"/>, kept in the <c>meta</c> table (keys <c>embedding_model</c> and
/// <c>embedding_dimensions</c>). A store written before those keys existed has them inferred from its newest vector.</summary>
internal static class SqliteEmbeddingSpace
{
    public static async Task<EmbeddingSpace?> ReadAsync(SqliteConnection connection, SqliteTransaction? tx, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            SELECT (SELECT value FROM meta WHERE key = 'embedding_model'), (SELECT value FROM meta WHERE key = 'embedding_dimensions');
            SELECT embedding_model, length(vector) / 4 FROM chunks WHERE vector IS NOT NULL ORDER BY rowid DESC LIMIT 1;
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!reader.IsDBNull(0) && !reader.IsDBNull(1))
        {
            return new EmbeddingSpace(reader.GetString(0), int.Parse(reader.GetString(1), CultureInfo.InvariantCulture));
        }
        await reader.NextResultAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new EmbeddingSpace(reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetInt32(1));
    }

    /// <summary>Fixes the space when the store has none; throws the mismatch error when it has another.</summary>
    public static async Task EnsureAsync(SqliteConnection connection, SqliteTransaction tx, EmbeddingSpace space, string location, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(connection, tx, cancellationToken);
        if (stored is not null)
        {
            if (!stored.Accepts(space.Model, space.Dimensions)) throw EmbeddingSpace.Mismatch(stored, space.Model, space.Dimensions, location);
            if (stored.Model.Length > 0) return;
        }
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO meta (key, value) VALUES ('embedding_model', $model), ('embedding_dimensions', $dims)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """;
        command.Parameters.AddWithValue("$model", space.Model);
        command.Parameters.AddWithValue("$dims", space.Dimensions.ToString(CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
