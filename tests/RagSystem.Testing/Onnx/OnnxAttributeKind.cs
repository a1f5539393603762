namespace RagSystem.Testing.Onnx;

/// <summary>Attribute types (values of <c>AttributeProto.AttributeType</c> in onnx.proto).</summary>
public enum OnnxAttributeKind
{
    /// <summary>FLOAT.</summary>
    Float = 1,

    /// <summary>INT.</summary>
    Int = 2,

    /// <summary>STRING.</summary>
    String = 3,

    /// <summary>TENSOR.</summary>
    Tensor = 4,

    /// <summary>FLOATS.</summary>
    Floats = 6,

    /// <summary>INTS.</summary>
    Ints = 7,
}
