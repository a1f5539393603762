namespace RagSystem.Testing.Onnx;

/// <summary>Writes the BERT encoder body into a graph: word + position + token-type embeddings and LayerNorm, then
/// post-LN layers of multi-head self-attention (padded keys masked with float.MinValue, as Hugging Face does) and a
/// GELU(erf) FFN. Shared by <see cref="TinyBertModel"/> and <see cref="TinyCrossEncoderModel"/>.</summary>
internal sealed class TinyBertEncoder
{
    private readonly OnnxGraphBuilder _g;
    private readonly TinyBertOptions _o;
    private readonly SeededWeights _weights;

    public TinyBertEncoder(OnnxGraphBuilder g, TinyBertOptions o)
    {
        if (o.HiddenSize % o.Heads != 0) throw new ArgumentException($"hidden size {o.HiddenSize} is not a multiple of {o.Heads} heads");
        (_g, _o, _weights) = (g, o, new SeededWeights(o.Seed));
    }

    /// <summary>Declares the inputs, writes the encoder and returns the name of the float32 [batch, seq, hidden] state.</summary>
    public string Write()
    {
        _g.AddInput("input_ids", OnnxDataType.Int64, "batch_size", "sequence_length");
        _g.AddInput("attention_mask", OnnxDataType.Int64, "batch_size", "sequence_length");
        if (_o.HasTokenTypeIds) _g.AddInput("token_type_ids", OnnxDataType.Int64, "batch_size", "sequence_length");

        var x = LayerNorm(Embeddings(), "embeddings");
        var maskBias = KeyMaskBias();
        for (var layer = 0; layer < _o.Layers; layer++)
        {
            var attended = Dense(SelfAttention(x, maskBias, layer), _o.HiddenSize, _o.HiddenSize, $"layer{layer}.attention.output");
            x = LayerNorm(_g.Apply("Add", [attended, x]), $"layer{layer}.attention");
            var inner = Gelu(Dense(x, _o.HiddenSize, _o.IntermediateSize, $"layer{layer}.intermediate"));
            var ffn = Dense(inner, _o.IntermediateSize, _o.HiddenSize, $"layer{layer}.output");
            x = LayerNorm(_g.Apply("Add", [ffn, x]), $"layer{layer}.output");
        }
        return x;
    }

    private string Embeddings()
    {
        var h = _o.HiddenSize;
        var words = _g.Apply("Gather", [Weight("embeddings.word", [_o.Vocabulary.Count, h], 1f), "input_ids"]);
        var seqLength = _g.Apply("Gather", [_g.Apply("Shape", ["input_ids"]), Int64Scalar("seq_axis", 1)], OnnxAttribute.Int("axis", 0));
        var positionIds = _g.Apply("Range", [Int64Scalar("zero", 0), seqLength, Int64Scalar("one", 1)]);
        var positions = _g.Apply("Gather", [Weight("embeddings.position", [_o.MaxPositions, h], 1f), positionIds]);
        var sum = _g.Apply("Add", [words, positions]);
        if (!_o.HasTokenTypeIds) return sum;
        var types = _g.Apply("Gather", [Weight("embeddings.token_type", [2, h], 1f), "token_type_ids"]);
        return _g.Apply("Add", [sum, types]);
    }

    private string KeyMaskBias()
    {
        // [batch, seq] mask → [batch, 1, 1, seq] additive bias: 0 for real keys, float.MinValue for padding.
        var mask = _g.Apply("Cast", ["attention_mask"], OnnxAttribute.Int("to", (long)OnnxDataType.Float));
        var padding = _g.Apply("Sub", [_g.AddFloatScalar("mask.one", 1f), mask]);
        var bias = _g.Apply("Mul", [padding, _g.AddFloatScalar("mask.min", float.MinValue)]);
        return _g.Apply("Unsqueeze", [bias, _g.AddInt64Vector("mask.axes", 1, 2)]);
    }

    private string SelfAttention(string x, string maskBias, int layer)
    {
        var headDim = _o.HiddenSize / _o.Heads;
        var split = _g.AddInt64Vector($"layer{layer}.split_heads", 0, 0, _o.Heads, headDim);
        string Heads(string name, long[] perm) =>
            _g.Apply("Transpose", [_g.Apply("Reshape", [Dense(x, _o.HiddenSize, _o.HiddenSize, $"layer{layer}.attention.{name}"), split])],
                OnnxAttribute.Ints("perm", perm));
        var q = Heads("query", [0, 2, 1, 3]);
        var kT = Heads("key", [0, 2, 3, 1]);
        var v = Heads("value", [0, 2, 1, 3]);
        var scores = _g.Apply("Mul", [_g.Apply("MatMul", [q, kT]), _g.AddFloatScalar($"layer{layer}.scale", 1f / MathF.Sqrt(headDim))]);
        var probabilities = _g.Apply("Softmax", [_g.Apply("Add", [scores, maskBias])], OnnxAttribute.Int("axis", -1));
        var context = _g.Apply("Transpose", [_g.Apply("MatMul", [probabilities, v])], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
        return _g.Apply("Reshape", [context, _g.AddInt64Vector($"layer{layer}.merge_heads", 0, 0, _o.HiddenSize)]);
    }

    private string Gelu(string x)
    {
        // Exact GELU: x * 0.5 * (1 + erf(x / sqrt 2)), the pattern ONNX Runtime fuses.
        var erf = _g.Apply("Erf", [_g.Apply("Div", [x, _g.AddFloatScalar($"{x}.sqrt2", MathF.Sqrt(2f))])]);
        var onePlus = _g.Apply("Add", [erf, _g.AddFloatScalar($"{x}.one", 1f)]);
        return _g.Apply("Mul", [_g.Apply("Mul", [x, onePlus]), _g.AddFloatScalar($"{x}.half", 0.5f)]);
    }

    /// <summary>Adds a dense layer [.., inDim] → [.., outDim] with bias and returns its output.</summary>
    public string Dense(string x, int inDim, int outDim, string name)
    {
        var product = _g.Apply("MatMul", [x, Weight($"{name}.weight", [inDim, outDim], _o.WeightStd)]);
        return _g.Apply("Add", [product, Weight($"{name}.bias", [outDim], _o.WeightStd)]);
    }

    private string LayerNorm(string x, string name)
    {
        var h = _o.HiddenSize;
        var scale = Weight($"{name}.LayerNorm.weight", [h], 0.1f, mean: 1f);
        var bias = Weight($"{name}.LayerNorm.bias", [h], 0.1f);
        return _g.Apply("LayerNormalization", [x, scale, bias],
            OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", _o.LayerNormEpsilon));
    }

    private string Weight(string name, long[] dims, float std, float mean = 0f)
    {
        var values = _weights.Normal((int)dims.Aggregate(1L, (a, d) => a * d), std);
        for (var i = 0; i < values.Length; i++) values[i] += mean;
        if (!_o.Float16) return _g.AddFloatInitializer(name, dims, values);
        var half = _g.AddFloat16Initializer(name + ".fp16", dims, values);
        return _g.Apply("Cast", [half], OnnxAttribute.Int("to", (long)OnnxDataType.Float));
    }

    private string Int64Scalar(string name, long value) => _g.AddInt64Initializer(name, [], [value]);
}
