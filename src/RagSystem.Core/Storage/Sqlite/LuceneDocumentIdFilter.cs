using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>Admits the Lucene documents (chunks) whose document id is in a set, read from the <c>doc</c> sorted doc values:
/// the store's filters (document ids, path prefix, tags) are resolved in SQLite to that set first.</summary>
internal sealed class LuceneDocumentIdFilter(IReadOnlyCollection<string> documentIds) : Filter
{
    /// <summary>The ids of the documents <paramref name="filter"/> admits, from SQLite.</summary>
    public static async Task<List<string>> AllowedDocumentsAsync(SqliteConnection connection, SearchFilter filter, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT d.id FROM documents d WHERE 1 = 1{SqliteFilterSql.Conditions(filter, command)}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        return ids;
    }

    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var reader = context.AtomicReader;
        var values = reader.GetSortedDocValues(LuceneLexicalIndex.DocumentField);
        if (values is null || documentIds.Count == 0) return null;
        var allowedOrdinals = new FixedBitSet(Math.Max(1, values.ValueCount));
        var any = false;
        foreach (var id in documentIds)
        {
            var ordinal = values.LookupTerm(new BytesRef(id));
            if (ordinal < 0) continue;
            allowedOrdinals.Set(ordinal);
            any = true;
        }
        if (!any) return null;
        var admitted = new FixedBitSet(reader.MaxDoc);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (acceptDocs is not null && !acceptDocs.Get(doc)) continue;
            var ordinal = values.GetOrd(doc);
            if (ordinal >= 0 && allowedOrdinals.Get(ordinal)) admitted.Set(doc);
        }
        return admitted;
    }
}
