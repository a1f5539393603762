using Qdrant.Client.Grpc;
using RagSystem.Storage;
using Keys = RagSystem.Qdrant.QdrantPayloadKeys;

namespace RagSystem.Qdrant;

/// <summary>Maps our <see cref="SearchFilter"/> and the store's own restrictions (point kind, document, version) onto Qdrant
/// filter conditions over the indexed payload keys.</summary>
internal static class QdrantFilterMapper
{
    /// <summary>Chunk points admitted by <paramref name="filter"/>: <c>must</c> kind = chunk, document id in the list, path
    /// starting with the prefix, and each tag (all of them, one condition per tag).</summary>
    public static Filter Chunks(SearchFilter? filter)
    {
        var result = new Filter();
        result.Must.Add(Keyword(Keys.Kind, Keys.ChunkKind));
        if (filter is null || filter.IsEmpty) return result;
        if (filter.DocumentIds is { Count: > 0 } ids)
        {
            result.Must.Add(AnyKeyword(Keys.DocumentId, ids.Distinct(StringComparer.Ordinal)));
        }
        if (!string.IsNullOrEmpty(filter.PathPrefix))
        {
            result.Must.Add(new Condition
            {
                Field = new FieldCondition { Key = Keys.Path, Match = new Match { Prefix = DocumentIds.NormalizeRelativePath(filter.PathPrefix) } },
            });
        }
        foreach (var tag in (filter.Tags ?? []).Distinct(StringComparer.Ordinal))
        {
            result.Must.Add(Keyword(Keys.Tags, tag));
        }
        return result;
    }

    /// <summary>Points of one kind for one document.</summary>
    public static Filter DocumentPoints(string kind, string documentId) => new()
    {
        Must = { Keyword(Keys.Kind, kind), Keyword(Keys.DocumentId, documentId) },
    };

    /// <summary>The chunk points of one document at one version.</summary>
    public static Filter ChunksAtVersion(string documentId, string version) => new()
    {
        Must = { Keyword(Keys.Kind, Keys.ChunkKind), Keyword(Keys.DocumentId, documentId), Keyword(Keys.Version, version) },
    };

    /// <summary>The chunk points of one document at any version but <paramref name="keep"/> (null: all of them).</summary>
    public static Filter ChunksExceptVersion(string documentId, string? keep)
    {
        var filter = new Filter { Must = { Keyword(Keys.Kind, Keys.ChunkKind), Keyword(Keys.DocumentId, documentId) } };
        if (keep is not null) filter.MustNot.Add(Keyword(Keys.Version, keep));
        return filter;
    }

    /// <summary>All points of one kind.</summary>
    public static Filter OfKind(string kind) => new() { Must = { Keyword(Keys.Kind, kind) } };

    public static Condition Keyword(string key, string value) =>
        new() { Field = new FieldCondition { Key = key, Match = new Match { Keyword = value } } };

    private static Condition AnyKeyword(string key, IEnumerable<string> values)
    {
        var keywords = new RepeatedStrings();
        keywords.Strings.AddRange(values);
        return new Condition { Field = new FieldCondition { Key = key, Match = new Match { Keywords = keywords } } };
    }
}
