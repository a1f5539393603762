using Qdrant.Client.Grpc;
using RagSystem.Documents;
using RagSystem.Qdrant;
using RagSystem.Storage;
using RagSystem.Storage.Lexical;

namespace RagSystem.Core.Tests.Storage.Qdrant;

/// <summary>Writes as Qdrant requests: points with deterministic UUID ids, named dense and sparse vectors, the payload our
/// filters and reads use; upserts and deletes with <c>wait: true</c> ("wait for changes to actually happen"), deletes by
/// filter or by id list; and the collection Qdrant creates.</summary>
public sealed class QdrantWriteMappingTests
{
    private static readonly DocumentRecord Doc = new(DocumentIds.ForPath("guides/intro.md"), "guides/intro.md", "hash", 10, "markdown", 1, "m",
        DateTimeOffset.Parse("2026-01-02T03:04:05Z"), "Intro", ["public"]);

    private static readonly ChunkRecord Chunk = new(DocumentIds.ChunkId(Doc.Id, "hash", 0), Doc.Id, 0, "Attention heads attend.", 5, 3, 4,
        ["Guide", "Attention"], 120, 23, "m", [0.6f, 0.8f]);

    [Fact]
    public void Chunk_point_carries_both_named_vectors_and_the_filtered_payload()
    {
        var version = QdrantPointIds.Version(Doc, [Chunk]);
        var point = QdrantPointMapper.Chunk(Doc, Chunk, version, headingWeight: 2);

        Assert.Equal(QdrantPointIds.Chunk(Chunk.Id, version).ToString("D"), point.Id.Uuid);
        Assert.Equal(point.Id.Uuid, QdrantPointMapper.Chunk(Doc, Chunk, version, 2).Id.Uuid);
        Assert.NotEqual(point.Id.Uuid, QdrantPointMapper.Chunk(Doc, Chunk, "other-version", 2).Id.Uuid);
        var vectors = point.Vectors.Vectors_.Vectors;
        Assert.Equal(["dense", "lexical"], vectors.Keys.Order());
        Assert.Equal(Chunk.Vector, vectors["dense"].Dense.Data);
        var sparse = SparseTermVector.ForDocument(Chunk.Text, "Guide / Attention", 2, Doc.Title);
        Assert.False(string.IsNullOrEmpty(Doc.Title));
        Assert.Equal(sparse.Indices, vectors["lexical"].Sparse.Indices);
        Assert.Equal(sparse.Values, vectors["lexical"].Sparse.Values);

        var p = point.Payload;
        Assert.Equal("chunk", p["kind"].StringValue);
        Assert.Equal(Doc.Id, p["document_id"].StringValue);
        Assert.Equal(version, p["version"].StringValue);
        Assert.Equal("guides/intro.md", p["path"].StringValue);
        Assert.Equal(["public"], p["tags"].ListValue.Values.Select(v => v.StringValue));
        Assert.Equal(Chunk with { Vector = null }, QdrantPointMapper.ReadChunk(p, null) with { HeadingPath = Chunk.HeadingPath });
        Assert.Equal(Chunk.HeadingPath, QdrantPointMapper.ReadChunk(p, null).HeadingPath);
    }

    [Fact]
    public void Chunk_without_vector_or_words_omits_those_vectors()
    {
        // Without a title either: the title's words count in every chunk, as in the SQLite title column.
        var point = QdrantPointMapper.Chunk(Doc with { Title = null }, Chunk with { Vector = null, EmbeddingModel = null, Text = "...", HeadingPath = [] }, "v", 2);
        Assert.Empty(point.Vectors.Vectors_.Vectors);
        Assert.Equal(Value.KindOneofCase.NullValue, point.Payload["embedding_model"].KindCase);
    }

    [Fact]
    public void Document_state_point_marks_the_version_and_a_pending_clean_up_and_has_no_vectors()
    {
        var point = QdrantPointMapper.Document(Doc, [Chunk], "v7");

        Assert.Equal(QdrantPointIds.Document(Doc.Id).ToString("D"), point.Id.Uuid);
        Assert.Empty(point.Vectors.Vectors_.Vectors);
        Assert.Equal(("document", "v7", true, false), (point.Payload["kind"].StringValue, point.Payload["version"].StringValue,
            point.Payload["pending_cleanup"].BoolValue, point.Payload["deleted"].BoolValue));
        Assert.Equal((1L, 1L), (point.Payload["chunk_count"].IntegerValue, point.Payload["vector_count"].IntegerValue));
        Assert.Equal(Doc, QdrantPointMapper.ReadDocument(point.Payload) with { Tags = Doc.Tags });
    }

    [Fact]
    public void Failure_point_round_trips()
    {
        var failure = new DocumentFailureRecord(Doc.Id, "guides/intro.md", "hash", DocumentFailureKind.Timeout, "too slow", Doc.IngestedUtc);
        var point = QdrantPointMapper.Failure(failure);
        Assert.Equal(QdrantPointIds.Failure(Doc.Id).ToString("D"), point.Id.Uuid);
        Assert.Equal("failure", point.Payload["kind"].StringValue);
        Assert.Equal(failure, QdrantPointMapper.ReadFailure(point.Payload));
    }

    [Fact]
    public void Upserts_and_deletes_wait_until_applied()
    {
        var upsert = QdrantPoints.Upsert("rag", [QdrantPointMapper.Document(Doc, [Chunk], "v")]);
        Assert.Equal(("rag", true, 1), (upsert.CollectionName, upsert.Wait, upsert.Points.Count));

        var byFilter = QdrantPoints.Delete("rag", QdrantFilterMapper.ChunksExceptVersion(Doc.Id, "v"));
        Assert.Equal(("rag", true), (byFilter.CollectionName, byFilter.Wait));
        Assert.Equal(PointsSelector.PointsSelectorOneOfOneofCase.Filter, byFilter.Points.PointsSelectorOneOfCase);
        Assert.Equal(QdrantFilterMapper.ChunksExceptVersion(Doc.Id, "v"), byFilter.Points.Filter);

        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var byId = QdrantPoints.Delete("rag", ids);
        Assert.True(byId.Wait);
        Assert.Equal(ids.Select(i => i.ToString("D")), byId.Points.Points.Ids.Select(i => i.Uuid));
    }

    [Fact]
    public void Collection_has_the_dense_vector_of_the_model_and_an_idf_sparse_vector()
    {
        var options = new QdrantStoreOptions { Collection = "c", ShardNumber = 3, ReplicationFactor = 2, OnDisk = true, Int8Quantization = true };
        var create = QdrantCollectionMapper.Create(options, new EmbeddingSpace("bge-small", 384));

        Assert.Equal(("c", 3u, 2u), (create.CollectionName, create.ShardNumber, create.ReplicationFactor));
        var dense = create.VectorsConfig.ParamsMap.Map["dense"];
        Assert.Equal((384ul, Distance.Cosine, Memory.Cold), (dense.Size, dense.Distance, dense.Memory));
        Assert.Equal((QuantizationType.Int8, Memory.Pinned), (dense.QuantizationConfig.Scalar.Type, dense.QuantizationConfig.Scalar.Memory));
        Assert.Equal(Modifier.Idf, create.SparseVectorsConfig.Map["lexical"].Modifier);
        Assert.Equal(("bge-small", "384"), (create.Metadata["rag_embedding_model"].StringValue, create.Metadata["rag_embedding_dimensions"].StringValue));

        var plain = QdrantCollectionMapper.Create(new QdrantStoreOptions(), new EmbeddingSpace("bge-small", 384)).VectorsConfig.ParamsMap.Map["dense"];
        Assert.False(plain.HasMemory);
        Assert.Null(plain.QuantizationConfig);
        var lexicalOnly = QdrantCollectionMapper.Create(new QdrantStoreOptions(), null);
        Assert.Empty(lexicalOnly.VectorsConfig.ParamsMap.Map);
        Assert.False(lexicalOnly.Metadata.ContainsKey("rag_embedding_model"));
        Assert.True(lexicalOnly.SparseVectorsConfig.Map.ContainsKey("lexical"));
    }

    [Fact]
    public void Every_filtered_key_gets_a_keyword_index_and_the_path_one_serves_prefixes()
    {
        Assert.Equal(["kind", "document_id", "version", "tags", "path"], QdrantCollectionMapper.KeywordIndexes);
        foreach (var field in QdrantCollectionMapper.KeywordIndexes)
        {
            var index = QdrantCollectionMapper.KeywordIndex("c", field);
            Assert.Equal(("c", field, FieldType.Keyword, true), (index.CollectionName, index.FieldName, index.FieldType, index.Wait));
            Assert.Equal(field == "path", index.FieldIndexParams.KeywordIndexParams.Prefix is not null);
        }
    }
}
