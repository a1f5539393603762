namespace RagSystem.Core.Tests.Storage;

/// <summary>Unit vectors drawn around random centroids, so that nearest neighbours are meaningful (with uniform random
/// vectors every neighbour is about equally far and recall says nothing).</summary>
internal sealed class ClusteredVectors(int dimension, int clusters, float noise, int seed)
{
    private readonly Random _random = new(seed);
    private float[][]? _centroids;

    public float[] Next()
    {
        _centroids ??= Enumerable.Range(0, clusters).Select(_ => Normalize(Gaussian(1f))).ToArray();
        var centroid = _centroids[_random.Next(clusters)];
        var v = Gaussian(noise);
        for (var i = 0; i < dimension; i++) v[i] += centroid[i];
        return Normalize(v);
    }

    /// <summary>Exact cosine of two unit vectors, accumulated in double.</summary>
    public static float Cosine(float[] a, float[] b)
    {
        var sum = 0d;
        for (var i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return (float)sum;
    }

    private float[] Gaussian(float scale)
    {
        var v = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            var u = 1 - _random.NextDouble();
            v[i] = scale * (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * _random.NextDouble())) / MathF.Sqrt(dimension);
        }
        return v;
    }

    private static float[] Normalize(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}
