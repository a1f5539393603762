namespace RagSystem.Testing;

/// <summary>Unit vectors drawn around random centroids, so that nearest neighbours are meaningful (with uniform random
/// vectors every neighbour is about equally far and recall says nothing). A vector is a random centroid plus Gaussian
/// noise of norm about <c>noise</c>, normalised. With <c>anisotropy</c> above 1, dimension i's values are scaled by a factor
/// spread log-uniformly between 1 ÷ anisotropy and anisotropy before normalising, as in real embedding models, where a few
/// dimensions carry much more variance than the rest.</summary>
public sealed class ClusteredVectors(int dimension, int clusters, float noise, int seed, float anisotropy = 1f)
{
    private readonly Random _random = new(seed);
    private float[][]? _centroids;
    private float[]? _dimensionScales;

    /// <summary>The vector length.</summary>
    public int Dimension => dimension;

    /// <summary>The next vector (unit length).</summary>

    public float[] Next()
    {
        _centroids ??= Enumerable.Range(0, clusters).Select(_ => Normalize(Gaussian(1f))).ToArray();
        var centroid = _centroids[_random.Next(clusters)];
        var v = Gaussian(noise);
        for (var i = 0; i < dimension; i++) v[i] += centroid[i];
        if (anisotropy > 1f)
        {
            _dimensionScales ??= Enumerable.Range(0, dimension)
                .Select(i => MathF.Pow(anisotropy, 2f * ((i * 7919) % dimension) / (dimension - 1) - 1f)).ToArray();
            for (var i = 0; i < dimension; i++) v[i] *= _dimensionScales[i];
        }
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
