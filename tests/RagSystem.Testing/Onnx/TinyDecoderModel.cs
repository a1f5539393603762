namespace RagSystem.Testing.Onnx;

/// <summary>A tiny Llama-shaped decoder with the I/O of Optimum / onnx-community / ONNX Runtime GenAI exports:
/// inputs <c>input_ids</c> [batch, seq], <c>attention_mask</c> [batch, past+seq], <c>position_ids</c> [batch, seq]
/// (int64) and <c>past_key_values.N.key/value</c> [batch, kv_heads, past, head_dim]; outputs <c>logits</c> (float32)
/// [batch, seq, vocab] and <c>present.N.key/value</c> [batch, kv_heads, past+seq, head_dim]. Inside: token embedding,
/// RMSNorm, RoPE (HF rotate_half) from <c>position_ids</c>, grouped-query causal attention that honours the attention
/// mask and the past (plain ops, or ONNX Runtime's GroupQueryAttention with <see cref="TinyDecoderOptions.GroupQueryAttention"/>),
/// a SiLU-gated FFN, and an LM head tied to the embedding.</summary>
public static class TinyDecoderModel
{
    /// <summary>Writes the model as ONNX bytes.</summary>
    public static byte[] Build(TinyDecoderOptions? options = null)
    {
        var o = options ?? new TinyDecoderOptions();
        if (o.Heads % o.KvHeads != 0) throw new ArgumentException($"{o.Heads} heads are not a multiple of {o.KvHeads} KV heads");
        var g = new OnnxGraphBuilder("tiny_decoder");
        var w = new SeededWeights(o.Seed);
        var kvType = o.KvFloat16 ? OnnxDataType.Float16 : OnnxDataType.Float;

        g.AddInput("input_ids", OnnxDataType.Int64, "batch_size", "sequence_length");
        g.AddInput("attention_mask", OnnxDataType.Int64, "batch_size", "total_sequence_length");
        g.AddInput("position_ids", OnnxDataType.Int64, "batch_size", "sequence_length");
        for (var l = 0; l < o.Layers; l++)
        {
            g.AddInput($"past_key_values.{l}.key", kvType, "batch_size", o.KvHeads, "past_sequence_length", o.HeadDim);
            g.AddInput($"past_key_values.{l}.value", kvType, "batch_size", o.KvHeads, "past_sequence_length", o.HeadDim);
        }

        var embedding = g.AddFloatInitializer("embed_tokens", [o.VocabSize, o.HiddenSize], w.Normal(o.VocabSize * o.HiddenSize, 1f));
        var x = g.Apply("Gather", [embedding, "input_ids"]);
        var (cos, sin) = Rope(g, o);
        Func<string, int, string> attend;
        if (o.GroupQueryAttention)
        {
            var (seqlensK, totalLength) = TinyDecoderGqaAttention.LengthsFromMask(g);
            attend = new TinyDecoderGqaAttention(g, o, w, cos, sin, seqlensK, totalLength).Write;
        }
        else
        {
            attend = new TinyDecoderAttention(g, o, w, cos, sin, AttentionBias(g)).Write;
        }
        for (var l = 0; l < o.Layers; l++)
        {
            x = g.Apply("Add", [x, attend(RmsNorm(g, x, o, $"layer{l}.input_norm"), l)]);
            x = g.Apply("Add", [x, Ffn(g, RmsNorm(g, x, o, $"layer{l}.post_attention_norm"), o, w, l)]);
        }
        x = RmsNorm(g, x, o, "final_norm");
        var head = g.Apply("Transpose", [embedding], OnnxAttribute.Ints("perm", 1, 0));
        var logits = g.Apply("MatMul", [x, head]);
        if (o.FavouredTokenId is { } favoured)
        {
            var bias = new float[o.VocabSize];
            bias[favoured] = 1000f;
            logits = g.Apply("Add", [logits, g.AddFloatInitializer("favoured_bias", [o.VocabSize], bias)]);
        }
        if (o.ScriptedReply is { } script)
            logits = g.Apply("Add", [logits, g.Apply("Gather", [g.AddFloatInitializer("script_bigrams", [o.VocabSize, o.VocabSize], ScriptTable(script, o.VocabSize)), "input_ids"])]);
        g.AddNode("Identity", [logits], ["logits"]);
        g.AddOutput("logits", OnnxDataType.Float, "batch_size", "sequence_length", o.VocabSize);
        for (var l = 0; l < o.Layers; l++)
        {
            g.AddOutput($"present.{l}.key", kvType, "batch_size", o.KvHeads, "total_sequence_length", o.HeadDim);
            g.AddOutput($"present.{l}.value", kvType, "batch_size", o.KvHeads, "total_sequence_length", o.HeadDim);
        }
        return g.ToBytes();
    }

    private static string RmsNorm(OnnxGraphBuilder g, string x, TinyDecoderOptions o, string name)
    {
        var meanSquare = g.Apply("ReduceMean", [g.Apply("Mul", [x, x])], OnnxAttribute.Ints("axes", -1), OnnxAttribute.Int("keepdims", 1));
        var rms = g.Apply("Sqrt", [g.Apply("Add", [meanSquare, g.AddFloatScalar($"{name}.eps", 1e-5f)])]);
        var weight = g.AddFloatInitializer($"{name}.weight", [o.HiddenSize], SeededWeights.Constant(o.HiddenSize, 1f));
        return g.Apply("Mul", [g.Apply("Div", [x, rms]), weight]);
    }

    private static string Ffn(OnnxGraphBuilder g, string x, TinyDecoderOptions o, SeededWeights w, int layer)
    {
        string Linear(string input, int inDim, int outDim, string name) =>
            g.Apply("MatMul", [input, g.AddFloatInitializer($"layer{layer}.mlp.{name}", [inDim, outDim], w.Normal(inDim * outDim, 0.2f))]);
        var gate = Linear(x, o.HiddenSize, o.IntermediateSize, "gate_proj");
        var up = Linear(x, o.HiddenSize, o.IntermediateSize, "up_proj");
        var silu = g.Apply("Mul", [gate, g.Apply("Sigmoid", [gate])]);
        return Linear(g.Apply("Mul", [silu, up]), o.IntermediateSize, o.HiddenSize, "down_proj");
    }

    // cos/sin [batch, 1, seq, head_dim] from position_ids, in float32 (as HF computes them).
    private static (string Cos, string Sin) Rope(OnnxGraphBuilder g, TinyDecoderOptions o)
    {
        var half = o.HeadDim / 2;
        var inverse = new float[half];
        for (var i = 0; i < half; i++) inverse[i] = 1f / MathF.Pow(o.RopeTheta, 2f * i / o.HeadDim);
        var positions = g.Apply("Unsqueeze", [g.Apply("Cast", ["position_ids"], OnnxAttribute.Int("to", (long)OnnxDataType.Float)), g.AddInt64Vector("rope.axis2", 2)]);
        var freqs = g.Apply("Mul", [positions, g.AddFloatInitializer("rope.inv_freq", [half], inverse)]);
        var angles = g.Apply("Unsqueeze", [g.Apply("Concat", [freqs, freqs], OnnxAttribute.Int("axis", -1)), g.AddInt64Vector("rope.axis1", 1)]);
        return (g.Apply("Cos", [angles]), g.Apply("Sin", [angles]));
    }

    // [batch, 1, 1, seq, total] additive bias: query i (cache index past+i) sees key j iff j <= past+i and mask[j] == 1.
    // Row = current token, column = the token the script wants next: "\n" → first byte → … → last byte → <|im_end|>.
    private static float[] ScriptTable(string script, int vocab)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(script);
        if (bytes.Distinct().Count() != bytes.Length || bytes.Contains((byte)'\n'))
            throw new ArgumentException("each byte of a scripted reply must be unique and not a line break", nameof(script));
        var table = new float[vocab * vocab];
        var previous = (int)'\n';
        foreach (var next in bytes.Select(b => (int)b).Append(ByteLevelTokenizerJson.ImEnd))
        {
            table[previous * vocab + next] = 1000f;
            previous = next;
        }
        return table;
    }

    private static string AttentionBias(OnnxGraphBuilder g)
    {
        var zero = g.AddInt64Initializer("mask.zero", [], [0]);
        var one = g.AddInt64Initializer("mask.one", [], [1]);
        var total = g.Apply("Gather", [g.Apply("Shape", ["attention_mask"]), one], OnnxAttribute.Int("axis", 0));
        var seq = g.Apply("Gather", [g.Apply("Shape", ["input_ids"]), one], OnnxAttribute.Int("axis", 0));
        var keys = g.Apply("Range", [zero, total, one]);
        var queries = g.Apply("Range", [g.Apply("Sub", [total, seq]), total, one]);
        var causal = g.Apply("LessOrEqual", [keys, g.Apply("Unsqueeze", [queries, g.AddInt64Vector("mask.axis1", 1)])]);
        var padding = g.Apply("Cast", [g.Apply("Unsqueeze", ["attention_mask", g.AddInt64Vector("mask.axis1b", 1)])], OnnxAttribute.Int("to", (long)OnnxDataType.Bool));
        var allowed = g.Apply("And", [causal, padding]);
        var bias = g.Apply("Where", [allowed, g.AddFloatScalar("mask.open", 0f), g.AddFloatScalar("mask.closed", float.MinValue)]);
        return g.Apply("Unsqueeze", [bias, g.AddInt64Vector("mask.axes12", 1, 2)]);
    }
}
