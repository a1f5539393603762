using RagSystem.Storage;

namespace RagSystem.IntegrationTests.Storage;

/// <summary>Documents, chunks and vectors for the store contract suite.</summary>
internal static class ContractData
{
    public const string Model = "contract-model";
    public const int Dimensions = 8;

    public static DocumentRecord Document(string path, string hash = "h1", IReadOnlyList<string>? tags = null, int chunkCount = 1) =>
        new(DocumentIds.ForPath(path), path, hash, 100, "text", chunkCount, Model, DateTimeOffset.Parse("2026-01-02T03:04:05Z"), "Document " + path, tags);

    public static ChunkRecord Chunk(DocumentRecord document, int ordinal, string text, float[]? vector, string? model = Model) =>
        new(DocumentIds.ChunkId(document.Id, document.ContentHash, ordinal), document.Id, ordinal, text, text.Length / 4, ordinal + 1, ordinal + 1,
            ["Part", "Section " + ordinal], ordinal * 100, text.Length, vector is null ? null : model, vector);

    /// <summary>A unit vector: mostly <paramref name="axis"/>, with <paramref name="leak"/> on the next axis.</summary>
    public static float[] Axis(int axis, float leak = 0f, int dimensions = Dimensions)
    {
        var v = new float[dimensions];
        v[axis % dimensions] = 1f;
        v[(axis + 1) % dimensions] += leak;
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    /// <summary>A deterministic random unit vector.</summary>
    public static float[] Random(Random random, int dimensions = Dimensions)
    {
        var v = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0;
        for (var i = 0; i < a.Length; i++) dot += a[i] * b[i];
        return dot;
    }
}
