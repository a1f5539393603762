namespace RagSystem.Testing.Onnx;

/// <summary>Writes one self-attention block of <see cref="TinyDecoderModel"/> through ONNX Runtime's
/// <c>com.microsoft.GroupQueryAttention</c>, the op GenAI's model builder emits: projections and RoPE as in
/// <see cref="TinyDecoderAttention"/>, then the op with the past, <c>seqlens_k</c> and <c>total_sequence_length</c>
/// (both derived from the attention mask in the graph, as GenAI's exports do). The op writes the present itself: into a
/// new <c>[batch, kv_heads, total, head_dim]</c> tensor, or, when the caller binds one max-length buffer as both past
/// and present, in place after the cached positions.</summary>
internal sealed class TinyDecoderGqaAttention(OnnxGraphBuilder g, TinyDecoderOptions o, SeededWeights w, string cos, string sin, string seqlensK, string totalLength)
{
    public string Write(string x, int layer)
    {
        var p = $"layer{layer}.attn";
        var d = o.HeadDim;
        var q = Flatten(Rotate(Heads(Linear(x, o.HiddenSize, o.Heads * d, $"{p}.q_proj"), o.Heads, $"{p}.q"), $"{p}.q"), o.Heads, $"{p}.q");
        var k = Flatten(Rotate(Heads(Linear(x, o.HiddenSize, o.KvHeads * d, $"{p}.k_proj"), o.KvHeads, $"{p}.k"), $"{p}.k"), o.KvHeads, $"{p}.k");
        var v = Linear(x, o.HiddenSize, o.KvHeads * d, $"{p}.v_proj");
        if (o.KvFloat16) (q, k, v) = (ToHalf(q), ToHalf(k), ToHalf(v));
        var context = $"{p}.context";
        g.AddDomainNode("com.microsoft", "GroupQueryAttention",
            [q, k, v, $"past_key_values.{layer}.key", $"past_key_values.{layer}.value", seqlensK, totalLength],
            [context, $"present.{layer}.key", $"present.{layer}.value"],
            OnnxAttribute.Int("num_heads", o.Heads), OnnxAttribute.Int("kv_num_heads", o.KvHeads));
        if (o.KvFloat16) context = g.Apply("Cast", [context], OnnxAttribute.Int("to", (long)OnnxDataType.Float));
        return Linear(context, o.Heads * d, o.HiddenSize, $"{p}.o_proj");
    }

    /// <summary>The op's two scalar-ish inputs from the attention mask: <c>seqlens_k</c> = tokens seen − 1 per sequence
    /// (int32 [batch]) and <c>total_sequence_length</c> = the mask's width (int32 scalar).</summary>
    public static (string SeqlensK, string TotalLength) LengthsFromMask(OnnxGraphBuilder g)
    {
        var seen = g.Apply("ReduceSum", ["attention_mask", g.AddInt64Vector("gqa.axis1", 1)], OnnxAttribute.Int("keepdims", 0));
        var seqlens = g.Apply("Cast", [g.Apply("Sub", [seen, g.AddInt64Initializer("gqa.one", [], [1])])], OnnxAttribute.Int("to", (long)OnnxDataType.Int32));
        var width = g.Apply("Gather", [g.Apply("Shape", ["attention_mask"]), g.AddInt64Initializer("gqa.index1", [], [1])], OnnxAttribute.Int("axis", 0));
        return (seqlens, g.Apply("Cast", [width], OnnxAttribute.Int("to", (long)OnnxDataType.Int32)));
    }

    private string Linear(string x, int inDim, int outDim, string name) =>
        g.Apply("MatMul", [x, g.AddFloatInitializer(name, [inDim, outDim], w.Normal(inDim * outDim, 0.2f))]);

    private string ToHalf(string x) => g.Apply("Cast", [x], OnnxAttribute.Int("to", (long)OnnxDataType.Float16));

    // [batch, seq, heads*d] → [batch, heads, seq, d]
    private string Heads(string x, int heads, string name) =>
        g.Apply("Transpose", [g.Apply("Reshape", [x, g.AddInt64Vector($"{name}.split", 0, 0, heads, o.HeadDim)])],
            OnnxAttribute.Ints("perm", 0, 2, 1, 3));

    // [batch, heads, seq, d] → [batch, seq, heads*d], the layout the op reads.
    private string Flatten(string x, int heads, string name) =>
        g.Apply("Reshape", [g.Apply("Transpose", [x], OnnxAttribute.Ints("perm", 0, 2, 1, 3)), g.AddInt64Vector($"{name}.merge", 0, 0, heads * o.HeadDim)]);

    // HF rotate_half: x * cos + concat(-x2, x1) * sin.
    private string Rotate(string x, string name)
    {
        var half = o.HeadDim / 2;
        g.AddNode("Split", [x, g.AddInt64Vector($"{name}.halves", half, half)], [$"{name}.x1", $"{name}.x2"], OnnxAttribute.Int("axis", -1));
        var rotated = g.Apply("Concat", [g.Apply("Neg", [$"{name}.x2"]), $"{name}.x1"], OnnxAttribute.Int("axis", -1));
        return g.Apply("Add", [g.Apply("Mul", [x, cos]), g.Apply("Mul", [rotated, sin])]);
    }
}
