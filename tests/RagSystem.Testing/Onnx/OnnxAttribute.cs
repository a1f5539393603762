namespace RagSystem.Testing.Onnx;

/// <summary>A node attribute (onnx.proto <c>AttributeProto</c>): an int, a float, a list of ints or floats, a string or a tensor.</summary>
public sealed class OnnxAttribute
{
    private OnnxAttribute(string name, OnnxAttributeKind kind) => (Name, Kind) = (name, kind);

    /// <summary>Attribute name, for example <c>axis</c>.</summary>
    public string Name { get; }

    /// <summary>Which value field is set.</summary>
    public OnnxAttributeKind Kind { get; }

    internal long IntValue { get; private init; }
    internal float FloatValue { get; private init; }
    internal string? StringValue { get; private init; }
    internal IReadOnlyList<long> IntsValue { get; private init; } = [];
    internal IReadOnlyList<float> FloatsValue { get; private init; } = [];
    internal OnnxTensor? TensorValue { get; private init; }

    /// <summary>An INT attribute.</summary>
    public static OnnxAttribute Int(string name, long value) => new(name, OnnxAttributeKind.Int) { IntValue = value };

    /// <summary>A FLOAT attribute.</summary>
    public static OnnxAttribute Float(string name, float value) => new(name, OnnxAttributeKind.Float) { FloatValue = value };

    /// <summary>A STRING attribute (UTF-8).</summary>
    public static OnnxAttribute String(string name, string value) => new(name, OnnxAttributeKind.String) { StringValue = value };

    /// <summary>An INTS attribute.</summary>
    public static OnnxAttribute Ints(string name, params long[] values) => new(name, OnnxAttributeKind.Ints) { IntsValue = values };

    /// <summary>A FLOATS attribute.</summary>
    public static OnnxAttribute Floats(string name, params float[] values) => new(name, OnnxAttributeKind.Floats) { FloatsValue = values };

    /// <summary>A TENSOR attribute.</summary>
    public static OnnxAttribute Tensor(string name, OnnxTensor value) => new(name, OnnxAttributeKind.Tensor) { TensorValue = value };
}
