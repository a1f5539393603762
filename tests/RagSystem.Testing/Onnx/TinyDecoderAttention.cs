namespace RagSystem.Testing.Onnx;

/// <summary>Writes one grouped-query self-attention block of <see cref="TinyDecoderModel"/>: projections, RoPE on
/// queries and keys, concatenation with the past (the <c>present</c> outputs), and attention with Q reshaped to
/// [batch, kv_heads, group, seq, head_dim] against K/V broadcast over the group axis.</summary>
internal sealed class TinyDecoderAttention(OnnxGraphBuilder g, TinyDecoderOptions o, SeededWeights w, string cos, string sin, string maskBias)
{
    public string Write(string x, int layer)
    {
        var p = $"layer{layer}.attn";
        var d = o.HeadDim;
        var group = o.Heads / o.KvHeads;
        var q = Heads(Linear(x, o.HiddenSize, o.Heads * d, $"{p}.q_proj"), o.Heads, $"{p}.q");
        var k = Heads(Linear(x, o.HiddenSize, o.KvHeads * d, $"{p}.k_proj"), o.KvHeads, $"{p}.k");
        var v = Heads(Linear(x, o.HiddenSize, o.KvHeads * d, $"{p}.v_proj"), o.KvHeads, $"{p}.v");
        q = Rotate(q, $"{p}.q");
        k = Rotate(k, $"{p}.k");

        var presentKey = Concat(Past($"past_key_values.{layer}.key"), k, $"present.{layer}.key");
        var presentValue = Concat(Past($"past_key_values.{layer}.value"), v, $"present.{layer}.value");

        var q5 = g.Apply("Reshape", [q, g.AddInt64Vector($"{p}.q5", 0, o.KvHeads, group, -1, d)]);
        var axis2 = g.AddInt64Vector($"{p}.axis2", 2);
        var k5 = g.Apply("Unsqueeze", [presentKey, axis2]);
        var v5 = g.Apply("Unsqueeze", [presentValue, axis2]);
        var scores = g.Apply("MatMul", [q5, g.Apply("Transpose", [k5], OnnxAttribute.Ints("perm", 0, 1, 2, 4, 3))]);
        scores = g.Apply("Add", [g.Apply("Mul", [scores, g.AddFloatScalar($"{p}.scale", 1f / MathF.Sqrt(d))]), maskBias]);
        var probabilities = g.Apply("Softmax", [scores], OnnxAttribute.Int("axis", -1));
        var context = g.Apply("Reshape", [g.Apply("MatMul", [probabilities, v5]), g.AddInt64Vector($"{p}.q4", 0, o.Heads, -1, d)]);
        var merged = g.Apply("Reshape", [g.Apply("Transpose", [context], OnnxAttribute.Ints("perm", 0, 2, 1, 3)),
            g.AddInt64Vector($"{p}.merge", 0, 0, o.Heads * d)]);
        return Linear(merged, o.Heads * d, o.HiddenSize, $"{p}.o_proj");
    }

    private string Linear(string x, int inDim, int outDim, string name) =>
        g.Apply("MatMul", [x, g.AddFloatInitializer(name, [inDim, outDim], w.Normal(inDim * outDim, 0.2f))]);

    // [batch, seq, heads*d] → [batch, heads, seq, d]
    private string Heads(string x, int heads, string name) =>
        g.Apply("Transpose", [g.Apply("Reshape", [x, g.AddInt64Vector($"{name}.split", 0, 0, heads, o.HeadDim)])],
            OnnxAttribute.Ints("perm", 0, 2, 1, 3));

    // HF rotate_half: x * cos + concat(-x2, x1) * sin.
    private string Rotate(string x, string name)
    {
        var half = o.HeadDim / 2;
        g.AddNode("Split", [x, g.AddInt64Vector($"{name}.halves", half, half)], [$"{name}.x1", $"{name}.x2"], OnnxAttribute.Int("axis", -1));
        var rotated = g.Apply("Concat", [g.Apply("Neg", [$"{name}.x2"]), $"{name}.x1"], OnnxAttribute.Int("axis", -1));
        return g.Apply("Add", [g.Apply("Mul", [x, cos]), g.Apply("Mul", [rotated, sin])]);
    }

    private string Past(string name) =>
        o.KvFloat16 ? g.Apply("Cast", [name], OnnxAttribute.Int("to", (long)OnnxDataType.Float)) : name;

    // Concatenates along the sequence axis and writes the present output (cast back to float16 when the cache is).
    private string Concat(string past, string current, string presentName)
    {
        var all = g.Apply("Concat", [past, current], OnnxAttribute.Int("axis", 2));
        if (!o.KvFloat16)
        {
            g.AddNode("Identity", [all], [presentName]);
            return all;
        }
        g.AddNode("Cast", [all], [presentName], OnnxAttribute.Int("to", (long)OnnxDataType.Float16));
        // Attend over what the cache will hold, so a full pass and incremental steps see the same rounded keys.
        return g.Apply("Cast", [presentName], OnnxAttribute.Int("to", (long)OnnxDataType.Float));
    }
}
