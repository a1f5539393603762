namespace RagSystem.Testing.Onnx;

/// <summary>A tiny BERT-shaped cross-encoder (BertForSequenceClassification with one label): the
/// <see cref="TinyBertModel"/> encoder, a tanh pooler on [CLS] and a linear classifier, giving <c>logits</c> float [batch_size, 1].</summary>
public static class TinyCrossEncoderModel
{
    /// <summary>The output name.</summary>
    public const string OutputName = "logits";

    /// <summary>Writes the model as ONNX bytes. <see cref="TinyBertOptions.Float16"/> stores fp16 weights; logits stay float.</summary>
    public static byte[] Build(TinyBertOptions? options = null)
    {
        var o = options ?? new TinyBertOptions();
        var g = new OnnxGraphBuilder();
        var encoder = new TinyBertEncoder(g, o);
        var hidden = encoder.Write();
        var cls = g.Apply("Gather", [hidden, g.AddInt64Initializer("cls_index", [], [0])], OnnxAttribute.Int("axis", 1));
        var pooled = g.Apply("Tanh", [encoder.Dense(cls, o.HiddenSize, o.HiddenSize, "pooler.dense")]);
        var score = encoder.Dense(pooled, o.HiddenSize, 1, "classifier");
        g.AddNode("Identity", [score], [OutputName]);
        g.AddOutput(OutputName, OnnxDataType.Float, "batch_size", 1);
        return g.ToBytes();
    }
}
