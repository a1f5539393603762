using Google.Protobuf;

namespace RagSystem.Testing.Onnx;

/// <summary>Hand-encodes the few onnx.proto messages a model needs, so no generated code is required.
/// Field numbers are those of onnx.proto (IR version 8); repeated scalars are written unpacked, as proto2 does.</summary>
internal static class OnnxProtoEncoder
{
    public static byte[] EncodeModel(
        long irVersion,
        IReadOnlyList<(string Domain, long Version)> opsets,
        string producerName,
        string graphName,
        IReadOnlyList<OnnxNode> nodes,
        IReadOnlyList<OnnxTensor> initializers,
        IReadOnlyList<OnnxValueInfo> inputs,
        IReadOnlyList<OnnxValueInfo> outputs) =>
        Message(m =>
        {
            WriteVarint(m, 1, irVersion);
            WriteString(m, 2, producerName);
            WriteMessage(m, 7, EncodeGraph(graphName, nodes, initializers, inputs, outputs));
            foreach (var (domain, version) in opsets)
            {
                WriteMessage(m, 8, Message(o =>
                {
                    WriteString(o, 1, domain);
                    WriteVarint(o, 2, version);
                }));
            }
        });

    private static byte[] EncodeGraph(
        string name,
        IReadOnlyList<OnnxNode> nodes,
        IReadOnlyList<OnnxTensor> initializers,
        IReadOnlyList<OnnxValueInfo> inputs,
        IReadOnlyList<OnnxValueInfo> outputs) =>
        Message(g =>
        {
            foreach (var node in nodes) WriteMessage(g, 1, EncodeNode(node));
            WriteString(g, 2, name);
            foreach (var tensor in initializers) WriteMessage(g, 5, EncodeTensor(tensor));
            foreach (var input in inputs) WriteMessage(g, 11, EncodeValueInfo(input));
            foreach (var output in outputs) WriteMessage(g, 12, EncodeValueInfo(output));
        });

    private static byte[] EncodeNode(OnnxNode node) =>
        Message(n =>
        {
            foreach (var input in node.Inputs) WriteString(n, 1, input);
            foreach (var output in node.Outputs) WriteString(n, 2, output);
            WriteString(n, 3, node.Name);
            WriteString(n, 4, node.OpType);
            foreach (var attribute in node.Attributes) WriteMessage(n, 5, EncodeAttribute(attribute));
            if (node.Domain.Length > 0) WriteString(n, 7, node.Domain);
        });

    private static byte[] EncodeTensor(OnnxTensor tensor) =>
        Message(t =>
        {
            foreach (var dim in tensor.Dims) WriteVarint(t, 1, dim);
            WriteVarint(t, 2, (long)tensor.DataType);
            WriteString(t, 8, tensor.Name);
            WriteBytes(t, 9, tensor.RawData);
        });

    private static byte[] EncodeValueInfo(OnnxValueInfo value) =>
        Message(v =>
        {
            WriteString(v, 1, value.Name);
            var shape = Message(s =>
            {
                foreach (var dim in value.Dims)
                {
                    WriteMessage(s, 1, Message(d =>
                    {
                        if (dim.Value is { } size) WriteVarint(d, 1, size);
                        else WriteString(d, 2, dim.Symbol!);
                    }));
                }
            });
            var tensorType = Message(t =>
            {
                WriteVarint(t, 1, (long)value.DataType);
                WriteMessage(t, 2, shape);
            });
            WriteMessage(v, 2, Message(type => WriteMessage(type, 1, tensorType)));
        });

    private static byte[] EncodeAttribute(OnnxAttribute attribute) =>
        Message(a =>
        {
            WriteString(a, 1, attribute.Name);
            switch (attribute.Kind)
            {
                case OnnxAttributeKind.Float:
                    a.WriteTag(2, WireFormat.WireType.Fixed32);
                    a.WriteFloat(attribute.FloatValue);
                    break;
                case OnnxAttributeKind.Int:
                    WriteVarint(a, 3, attribute.IntValue);
                    break;
                case OnnxAttributeKind.String:
                    WriteString(a, 4, attribute.StringValue!);
                    break;
                case OnnxAttributeKind.Tensor:
                    WriteMessage(a, 5, EncodeTensor(attribute.TensorValue!));
                    break;
                case OnnxAttributeKind.Floats:
                    foreach (var f in attribute.FloatsValue)
                    {
                        a.WriteTag(7, WireFormat.WireType.Fixed32);
                        a.WriteFloat(f);
                    }
                    break;
                case OnnxAttributeKind.Ints:
                    foreach (var i in attribute.IntsValue) WriteVarint(a, 8, i);
                    break;
                default:
                    throw new InvalidOperationException($"attribute kind {attribute.Kind} is not supported");
            }
            WriteVarint(a, 20, (long)attribute.Kind);
        });

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
        }
        return buffer.ToArray();
    }

    private static void WriteVarint(CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }

    private static void WriteString(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    private static void WriteBytes(CodedOutputStream output, int field, byte[] value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(UnsafeByteOperations.UnsafeWrap(value));
    }

    private static void WriteMessage(CodedOutputStream output, int field, byte[] encoded) => WriteBytes(output, field, encoded);
}
