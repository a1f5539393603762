using Qdrant.Client.Grpc;
using RagSystem.Qdrant;
using RagSystem.Storage;

namespace RagSystem.Core.Tests.Storage.Qdrant;

/// <summary>Our filters as Qdrant filter messages. Qdrant's semantics (openapi v1.19, same in gRPC): every <c>must</c> condition
/// must hold; <c>match.keyword</c> is an exact match of one value, <c>match.keywords</c> ("any") of any listed value, and a
/// keyword array matches when any element does; <c>match.prefix</c> matches keyword values starting with the string,
/// byte-wise and case-sensitive.</summary>
public sealed class QdrantFilterMappingTests
{
    [Fact]
    public void No_filter_still_restricts_to_chunk_points()
    {
        var filter = QdrantFilterMapper.Chunks(null);

        var only = Assert.Single(filter.Must);
        Assert.Equal(("kind", "chunk"), (only.Field.Key, only.Field.Match.Keyword));
        Assert.Empty(filter.Should);
        Assert.Empty(filter.MustNot);
        Assert.Equal(filter, QdrantFilterMapper.Chunks(new SearchFilter()));
    }

    [Fact]
    public void Ids_prefix_and_tags_become_must_conditions_on_indexed_keys()
    {
        var filter = QdrantFilterMapper.Chunks(new SearchFilter(DocumentIds: ["d1", "d2", "d1"], PathPrefix: @".\guides\", Tags: ["public", "en", "public"]));

        Assert.Empty(filter.Should);
        Assert.Empty(filter.MustNot);
        Assert.Equal(5, filter.Must.Count);
        Assert.All(filter.Must, c => Assert.Equal(Condition.ConditionOneOfOneofCase.Field, c.ConditionOneOfCase));
        Assert.All(filter.Must, c => Assert.Contains(c.Field.Key, QdrantCollectionMapper.KeywordIndexes));

        Assert.Equal(("kind", Match.MatchValueOneofCase.Keyword, "chunk"), (filter.Must[0].Field.Key, filter.Must[0].Field.Match.MatchValueCase, filter.Must[0].Field.Match.Keyword));
        // Any of the ids: one "keywords" match, duplicates removed.
        Assert.Equal("document_id", filter.Must[1].Field.Key);
        Assert.Equal(Match.MatchValueOneofCase.Keywords, filter.Must[1].Field.Match.MatchValueCase);
        Assert.Equal(["d1", "d2"], filter.Must[1].Field.Match.Keywords.Strings);
        // The prefix, normalised like stored paths (forward slashes, no leading ./), as one prefix match.
        Assert.Equal("path", filter.Must[2].Field.Key);
        Assert.Equal(Match.MatchValueOneofCase.Prefix, filter.Must[2].Field.Match.MatchValueCase);
        Assert.Equal("guides/", filter.Must[2].Field.Match.Prefix);
        // All of the tags: one exact keyword condition per distinct tag, all under must.
        Assert.Equal([("tags", "public"), ("tags", "en")], filter.Must.Skip(3).Select(c => (c.Field.Key, c.Field.Match.Keyword)));
    }

    [Fact]
    public void Clean_up_deletes_other_versions_of_one_document_only()
    {
        var filter = QdrantFilterMapper.ChunksExceptVersion("doc", "v2");

        Assert.Equal([("kind", "chunk"), ("document_id", "doc")], filter.Must.Select(c => (c.Field.Key, c.Field.Match.Keyword)));
        var not = Assert.Single(filter.MustNot);
        Assert.Equal(("version", "v2"), (not.Field.Key, not.Field.Match.Keyword));

        var all = QdrantFilterMapper.ChunksExceptVersion("doc", keep: null);
        Assert.Empty(all.MustNot);
        Assert.Equal(2, all.Must.Count);
    }
}
