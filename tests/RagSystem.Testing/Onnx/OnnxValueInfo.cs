namespace RagSystem.Testing.Onnx;

/// <summary>A typed graph input or output (onnx.proto <c>ValueInfoProto</c> with a tensor type).</summary>
/// <param name="Name">Value name.</param>
/// <param name="DataType">Element type.</param>
/// <param name="Dims">Shape, with fixed or symbolic dimensions.</param>
public sealed record OnnxValueInfo(string Name, OnnxDataType DataType, IReadOnlyList<OnnxDim> Dims);
