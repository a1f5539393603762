using System.Globalization;
using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;
using RagSystem.Documents;
using RagSystem.Storage;
using RagSystem.Storage.Lexical;
using Keys = RagSystem.Qdrant.QdrantPayloadKeys;

namespace RagSystem.Qdrant;

/// <summary>Maps chunks, document state and failures to Qdrant points and back.</summary>
internal static class QdrantPointMapper
{
    /// <summary>A chunk's point for one version: the dense vector (when the chunk has one), the sparse lexical vector (when
    /// its text has words), and the payload the filters and reads need.</summary>
    public static PointStruct Chunk(DocumentRecord document, ChunkRecord chunk, string version, double headingWeight)
    {
        var vectors = new NamedVectors();
        if (chunk.Vector is { } dense)
        {
            var denseVector = new DenseVector();
            denseVector.Data.AddRange(dense);
            vectors.Vectors.Add(Keys.DenseVector, new Vector { Dense = denseVector });
        }
        var sparse = SparseTermVector.ForDocument(chunk.Text, string.Join(" / ", chunk.HeadingPath), headingWeight, document.Title);
        if (!sparse.IsEmpty) vectors.Vectors.Add(Keys.SparseVector, new Vector { Sparse = Sparse(sparse) });

        var point = new PointStruct
        {
            Id = new PointId { Uuid = QdrantPointIds.Chunk(chunk.Id, version).ToString("D") },
            Vectors = new Vectors { Vectors_ = vectors },
        };
        var p = point.Payload;
        p[Keys.Kind] = Keys.ChunkKind;
        p[Keys.DocumentId] = chunk.DocumentId;
        p[Keys.Version] = version;
        p[Keys.Path] = DocumentIds.NormalizeRelativePath(document.Path);
        p[Keys.Tags] = (document.Tags ?? []).Distinct(StringComparer.Ordinal).ToArray();
        p[Keys.ChunkId] = chunk.Id.ToString("D");
        p[Keys.Ordinal] = chunk.Ordinal;
        p[Keys.Text] = chunk.Text;
        p[Keys.TokenCount] = chunk.TokenCount;
        p[Keys.PageStart] = Nullable(chunk.PageStart);
        p[Keys.PageEnd] = Nullable(chunk.PageEnd);
        p[Keys.HeadingPath] = chunk.HeadingPath.ToArray();
        p[Keys.Start] = chunk.Start;
        p[Keys.Length] = chunk.Length;
        p[Keys.EmbeddingModel] = chunk.EmbeddingModel is null ? NullValue() : chunk.EmbeddingModel;
        p[Keys.PageLabel] = chunk.PageLabel is null ? NullValue() : chunk.PageLabel;
        p[Keys.OcrConfidence] = chunk.OcrConfidence is { } confidence ? confidence : NullValue();
        return point;
    }

    /// <summary>The point holding a document's state, marked complete at <paramref name="version"/>. It carries no vectors.</summary>
    public static PointStruct Document(DocumentRecord document, IReadOnlyList<ChunkRecord> chunks, string version)
    {
        var point = new PointStruct
        {
            Id = new PointId { Uuid = QdrantPointIds.Document(document.Id).ToString("D") },
            Vectors = new Vectors { Vectors_ = new NamedVectors() },
        };
        var p = point.Payload;
        p[Keys.Kind] = Keys.DocumentKind;
        p[Keys.DocumentId] = document.Id;
        p[Keys.Version] = version;
        p[Keys.PendingCleanup] = true;
        p[Keys.Deleted] = false;
        p[Keys.VectorCount] = chunks.Count(c => c.Vector is not null);
        var model = chunks.FirstOrDefault(c => c.Vector is not null)?.EmbeddingModel;
        p[Keys.ChunkModel] = model is null ? NullValue() : model;
        p[Keys.Path] = DocumentIds.NormalizeRelativePath(document.Path);
        p[Keys.ContentHash] = document.ContentHash;
        p[Keys.SizeBytes] = document.SizeBytes;
        p[Keys.Format] = document.Format;
        p[Keys.ChunkCount] = chunks.Count;
        p[Keys.EmbeddingModel] = document.EmbeddingModel is null ? NullValue() : document.EmbeddingModel;
        p[Keys.IngestedUtc] = document.IngestedUtc.ToString("O", CultureInfo.InvariantCulture);
        p[Keys.Title] = document.Title is null ? NullValue() : document.Title;
        p[Keys.Tags] = (document.Tags ?? []).ToArray();
        p[Keys.OcrPages] = document.OcrPages;
        return point;
    }

    /// <summary>The point remembering a failure. It carries no vectors.</summary>
    public static PointStruct Failure(DocumentFailureRecord failure)
    {
        var point = new PointStruct
        {
            Id = new PointId { Uuid = QdrantPointIds.Failure(failure.DocumentId).ToString("D") },
            Vectors = new Vectors { Vectors_ = new NamedVectors() },
        };
        var p = point.Payload;
        p[Keys.Kind] = Keys.FailureKind;
        p[Keys.DocumentId] = failure.DocumentId;
        p[Keys.Path] = DocumentIds.NormalizeRelativePath(failure.Path);
        p[Keys.ContentHash] = failure.ContentHash;
        p[Keys.FailureKindName] = failure.Kind.ToString();
        p[Keys.Reason] = failure.Reason;
        p[Keys.FailedUtc] = failure.FailedUtc.ToString("O", CultureInfo.InvariantCulture);
        return point;
    }

    /// <summary>Our sparse vector as Qdrant's: indices ascending and unique, one value each.</summary>
    public static SparseVector Sparse(SparseTermVector vector)
    {
        var sparse = new SparseVector();
        sparse.Indices.AddRange(vector.Indices);
        sparse.Values.AddRange(vector.Values);
        return sparse;
    }

    public static ChunkRecord ReadChunk(MapField<string, Value> p, VectorsOutput? vectors)
    {
        float[]? dense = null;
        if (vectors?.Vectors?.Vectors.TryGetValue(Keys.DenseVector, out var output) == true)
        {
            dense = output.Dense?.Data.ToArray();
        }
        return new ChunkRecord(
            Guid.Parse(p[Keys.ChunkId].StringValue), p[Keys.DocumentId].StringValue, (int)p[Keys.Ordinal].IntegerValue, p[Keys.Text].StringValue,
            (int)p[Keys.TokenCount].IntegerValue, NullableInt(p, Keys.PageStart), NullableInt(p, Keys.PageEnd), Strings(p, Keys.HeadingPath),
            (int)p[Keys.Start].IntegerValue, (int)p[Keys.Length].IntegerValue, NullableString(p, Keys.EmbeddingModel), dense,
            NullableString(p, Keys.PageLabel), NullableDouble(p, Keys.OcrConfidence));
    }

    public static DocumentRecord ReadDocument(MapField<string, Value> p) => new(
        p[Keys.DocumentId].StringValue, p[Keys.Path].StringValue, p[Keys.ContentHash].StringValue, p[Keys.SizeBytes].IntegerValue,
        p[Keys.Format].StringValue, (int)p[Keys.ChunkCount].IntegerValue, NullableString(p, Keys.EmbeddingModel),
        DateTimeOffset.Parse(p[Keys.IngestedUtc].StringValue, CultureInfo.InvariantCulture), NullableString(p, Keys.Title), Strings(p, Keys.Tags),
        NullableInt(p, Keys.OcrPages) ?? 0);

    public static DocumentFailureRecord ReadFailure(MapField<string, Value> p) => new(
        p[Keys.DocumentId].StringValue, p[Keys.Path].StringValue, p[Keys.ContentHash].StringValue,
        Enum.TryParse<DocumentFailureKind>(p[Keys.FailureKindName].StringValue, out var kind) ? kind : DocumentFailureKind.Corrupt,
        p[Keys.Reason].StringValue, DateTimeOffset.Parse(p[Keys.FailedUtc].StringValue, CultureInfo.InvariantCulture));

    public static bool Flag(MapField<string, Value> p, string key) =>
        p.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.BoolValue && v.BoolValue;

    public static string? NullableString(MapField<string, Value> p, string key) =>
        p.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.StringValue ? v.StringValue : null;

    private static int? NullableInt(MapField<string, Value> p, string key) =>
        p.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.IntegerValue ? (int)v.IntegerValue : null;

    // Points written before provenance was stored carry no such keys: they read as "unknown".
    private static double? NullableDouble(MapField<string, Value> p, string key) =>
        p.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.DoubleValue ? v.DoubleValue : null;

    private static string[] Strings(MapField<string, Value> p, string key) =>
        p.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.ListValue ? v.ListValue.Values.Select(x => x.StringValue).ToArray() : [];

    private static Value Nullable(int? value) => value is { } v ? v : NullValue();

    private static Value NullValue() => new() { NullValue = global::Qdrant.Client.Grpc.NullValue.NullValue };
}
