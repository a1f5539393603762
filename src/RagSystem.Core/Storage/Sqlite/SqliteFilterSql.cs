using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>Renders a <see cref="SearchFilter"/> as SQL conditions on the <c>documents</c> table aliased <c>d</c>,
/// with every value bound as a parameter.</summary>
internal static class SqliteFilterSql
{
    /// <summary>Conditions to append after a WHERE clause, each starting with <c> AND </c>; empty when nothing filters.</summary>
    public static string Conditions(SearchFilter? filter, SqliteCommand command)
    {
        if (filter is null || filter.IsEmpty) return "";
        var sql = new List<string>();
        if (filter.DocumentIds is { Count: > 0 } ids)
        {
            sql.Add($"d.id IN ({Bind(command, "$fd", ids)})");
        }
        if (!string.IsNullOrEmpty(filter.PathPrefix))
        {
            // substr instead of LIKE: paths may contain % and _, and the comparison must be case-sensitive.
            command.Parameters.AddWithValue("$fp", DocumentIds.NormalizeRelativePath(filter.PathPrefix));
            sql.Add("substr(d.path, 1, length($fp)) = $fp");
        }
        if (filter.Tags is { Count: > 0 } tags)
        {
            var distinct = tags.Distinct(StringComparer.Ordinal).ToList();
            command.Parameters.AddWithValue("$ftn", distinct.Count);
            sql.Add($"(SELECT count(*) FROM document_tags t WHERE t.document_id = d.id AND t.tag IN ({Bind(command, "$ft", distinct)})) = $ftn");
        }
        return string.Concat(sql.Select(s => " AND " + s));
    }

    private static string Bind(SqliteCommand command, string prefix, IReadOnlyList<string> values)
    {
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = prefix + i;
            command.Parameters.AddWithValue(names[i], values[i]);
        }
        return string.Join(", ", names);
    }
}
