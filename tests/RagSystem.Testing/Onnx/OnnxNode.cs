namespace RagSystem.Testing.Onnx;

/// <summary>One operator call in a graph (onnx.proto <c>NodeProto</c>).</summary>
/// <param name="OpType">Operator, for example <c>MatMul</c>.</param>
/// <param name="Inputs">Input value names; an empty string marks an omitted optional input.</param>
/// <param name="Outputs">Output value names.</param>
/// <param name="Attributes">Attributes.</param>
/// <param name="Name">Node name.</param>
/// <param name="Domain">Operator domain; empty for the default ONNX domain.</param>
public sealed record OnnxNode(
    string OpType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<OnnxAttribute> Attributes,
    string Name,
    string Domain = "");
