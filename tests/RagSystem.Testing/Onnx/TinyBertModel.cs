namespace RagSystem.Testing.Onnx;

/// <summary>A tiny BERT-shaped sentence encoder with the Hugging Face / Optimum I/O: inputs <c>input_ids</c>,
/// <c>attention_mask</c> (and <c>token_type_ids</c>) int64 [batch_size, sequence_length]; output
/// <c>last_hidden_state</c> [batch_size, sequence_length, hidden] (float, or float16 with <see cref="TinyBertOptions.Float16"/>).
/// Right padding does not change the rows of the real tokens.</summary>
public static class TinyBertModel
{
    /// <summary>The output name.</summary>
    public const string OutputName = "last_hidden_state";

    /// <summary>Writes the model as ONNX bytes.</summary>
    public static byte[] Build(TinyBertOptions? options = null)
    {
        var o = options ?? new TinyBertOptions();
        var g = new OnnxGraphBuilder();
        var hidden = new TinyBertEncoder(g, o).Write();
        var outputType = o.Float16 ? OnnxDataType.Float16 : OnnxDataType.Float;
        g.AddNode("Cast", [hidden], [OutputName], OnnxAttribute.Int("to", (long)outputType));
        g.AddOutput(OutputName, outputType, "batch_size", "sequence_length", o.HiddenSize);
        return g.ToBytes();
    }
}
