using System.Globalization;
using Qdrant.Client.Grpc;
using RagSystem.Storage;
using Keys = RagSystem.Qdrant.QdrantPayloadKeys;

namespace RagSystem.Qdrant;

/// <summary>The requests that create the store's collection and its payload indexes.</summary>
internal static class QdrantCollectionMapper
{
    /// <summary>The keyword-indexed payload keys: every filter the store sends is on one of them.</summary>
    public static readonly string[] KeywordIndexes = [Keys.Kind, Keys.DocumentId, Keys.Version, Keys.Tags, Keys.Path];

    /// <summary>A collection with the named dense vector (cosine, <paramref name="space"/>'s size; absent when null, a lexical-only
    /// store), the sparse vector with the IDF modifier, and the embedding space and analyzer in the collection metadata.</summary>
    public static CreateCollection Create(QdrantStoreOptions options, EmbeddingSpace? space)
    {
        var create = new CreateCollection
        {
            CollectionName = options.Collection,
            ShardNumber = options.ShardNumber,
            ReplicationFactor = options.ReplicationFactor,
            VectorsConfig = new VectorsConfig { ParamsMap = new VectorParamsMap() },
            SparseVectorsConfig = new SparseVectorConfig(),
        };
        if (space is not null)
        {
            var dense = new VectorParams { Size = (ulong)space.Dimensions, Distance = Distance.Cosine };
            // Memory replaces the deprecated on_disk flag: cold is memory-mapped from disk, the default keeps vectors cached in RAM.
            if (options.OnDisk) dense.Memory = Memory.Cold;
            if (options.Int8Quantization)
            {
                dense.QuantizationConfig = new QuantizationConfig
                {
                    // Pinned replaces the deprecated always_ram: the int8 copies stay in RAM even when the originals are cold.
                    Scalar = new ScalarQuantization { Type = QuantizationType.Int8, Quantile = 0.99f, Memory = Memory.Pinned },
                };
            }
            create.VectorsConfig.ParamsMap.Map.Add(Keys.DenseVector, dense);
            create.Metadata.Add(Keys.MetaEmbeddingModel, space.Model);
            create.Metadata.Add(Keys.MetaEmbeddingDimensions, space.Dimensions.ToString(CultureInfo.InvariantCulture));
        }
        create.SparseVectorsConfig.Map.Add(Keys.SparseVector, new SparseVectorParams { Modifier = Modifier.Idf });
        create.Metadata.Add(Keys.MetaAnalyzer, Keys.AnalyzerId);
        return create;
    }

    /// <summary>A keyword index on <paramref name="field"/>; the path's also serves prefix matches.</summary>
    public static CreateFieldIndexCollection KeywordIndex(string collection, string field)
    {
        var keyword = new KeywordIndexParams();
        if (field == Keys.Path) keyword.Prefix = new KeywordPrefixParams();
        return new CreateFieldIndexCollection
        {
            CollectionName = collection,
            FieldName = field,
            FieldType = FieldType.Keyword,
            Wait = true,
            FieldIndexParams = new PayloadIndexParams { KeywordIndexParams = keyword },
        };
    }

    /// <summary>The embedding space recorded in a collection's metadata, or null for a lexical-only collection.</summary>
    public static EmbeddingSpace? ReadSpace(CollectionInfo info)
    {
        var metadata = info.Config.Metadata;
        if (!metadata.TryGetValue(Keys.MetaEmbeddingModel, out var model) || !metadata.TryGetValue(Keys.MetaEmbeddingDimensions, out var dims)) return null;
        return new EmbeddingSpace(model.StringValue, int.Parse(dims.StringValue, CultureInfo.InvariantCulture));
    }

    /// <summary>The analyzer recorded in a collection's metadata, or null when absent (not a RagSystem collection).</summary>
    public static string? ReadAnalyzer(CollectionInfo info) =>
        info.Config.Metadata.TryGetValue(Keys.MetaAnalyzer, out var analyzer) ? analyzer.StringValue : null;
}
