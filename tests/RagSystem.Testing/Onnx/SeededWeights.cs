namespace RagSystem.Testing.Onnx;

/// <summary>Deterministic normal random numbers (Box–Muller over a seeded <see cref="Random"/>), so the same seed
/// always gives the same model bytes.</summary>
internal sealed class SeededWeights(int seed)
{
    private readonly Random _random = new(seed);

    public float[] Normal(int count, float std)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            var u1 = 1.0 - _random.NextDouble();
            var u2 = _random.NextDouble();
            values[i] = (float)(std * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        return values;
    }

    public static float[] Constant(int count, float value) => Enumerable.Repeat(value, count).ToArray();
}
