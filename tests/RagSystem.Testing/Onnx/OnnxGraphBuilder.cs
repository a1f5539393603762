namespace RagSystem.Testing.Onnx;

/// <summary>Builds a small ONNX model in code (default opset 17, IR version 8) and writes it as protobuf bytes
/// that ONNX Runtime and <c>onnx.checker</c> accept. Nodes must be added in topological order; every node input is
/// checked against the graph inputs, initializers and earlier node outputs when the model is written.</summary>
/// <example><code>
/// var g = new OnnxGraphBuilder();
/// g.AddInput("x", OnnxDataType.Float, "batch", 4);
/// var w = g.AddFloatInitializer("w", [4, 2], weights);
/// g.AddNode("MatMul", ["x", w], ["y"]);
/// g.AddOutput("y", OnnxDataType.Float, "batch", 2);
/// File.WriteAllBytes(path, g.ToBytes());
/// </code></example>
public sealed class OnnxGraphBuilder
{
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxTensor> _initializers = [];
    private readonly List<OnnxValueInfo> _inputs = [];
    private readonly List<OnnxValueInfo> _outputs = [];
    private readonly HashSet<string> _definedNames = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _extraDomains = new(StringComparer.Ordinal);
    private int _nextId;

    /// <param name="graphName">The graph's name.</param>
    public OnnxGraphBuilder(string graphName = "main_graph") => GraphName = graphName;

    /// <summary>The graph's name.</summary>
    public string GraphName { get; }

    /// <summary>Default-domain opset version. Default 17.</summary>
    public long OpsetVersion { get; init; } = 17;

    /// <summary>ONNX IR version. Default 8 (what ONNX Runtime 1.31 and onnx 1.12 both accept with opset 17).</summary>
    public long IrVersion { get; init; } = 8;

    /// <summary>Producer name written into the model. Default <c>RagSystem.Testing</c>.</summary>
    public string ProducerName { get; init; } = "RagSystem.Testing";

    /// <summary>Declares a graph input.</summary>
    public OnnxGraphBuilder AddInput(string name, OnnxDataType dataType, params OnnxDim[] dims)
    {
        Define(name);
        _inputs.Add(new OnnxValueInfo(name, dataType, dims));
        return this;
    }

    /// <summary>Declares a graph output; some node must produce a value of that name.</summary>
    public OnnxGraphBuilder AddOutput(string name, OnnxDataType dataType, params OnnxDim[] dims)
    {
        _outputs.Add(new OnnxValueInfo(name, dataType, dims));
        return this;
    }

    /// <summary>Adds a constant tensor and returns its name.</summary>
    public string AddInitializer(OnnxTensor tensor)
    {
        Define(tensor.Name);
        _initializers.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a float32 initializer and returns its name.</summary>
    public string AddFloatInitializer(string name, long[] dims, ReadOnlySpan<float> values) =>
        AddInitializer(OnnxTensor.FromFloats(name, dims, values));

    /// <summary>Adds a float16 initializer (rounded from <paramref name="values"/>) and returns its name.</summary>
    public string AddFloat16Initializer(string name, long[] dims, ReadOnlySpan<float> values) =>
        AddInitializer(OnnxTensor.FromFloat16(name, dims, values));

    /// <summary>Adds an int64 initializer and returns its name.</summary>
    public string AddInt64Initializer(string name, long[] dims, ReadOnlySpan<long> values) =>
        AddInitializer(OnnxTensor.FromInt64(name, dims, values));

    /// <summary>Adds a 1-D int64 initializer (shapes, axes, indices) and returns its name.</summary>
    public string AddInt64Vector(string name, params long[] values) =>
        AddInitializer(OnnxTensor.FromInt64(name, [values.Length], values));

    /// <summary>Adds a float32 scalar initializer and returns its name.</summary>
    public string AddFloatScalar(string name, float value) =>
        AddInitializer(OnnxTensor.FromFloats(name, [], [value]));

    /// <summary>Adds a node with explicitly named outputs.</summary>
    public OnnxGraphBuilder AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes)
    {
        foreach (var output in outputs) Define(output);
        _nodes.Add(new OnnxNode(opType, inputs.ToArray(), outputs.ToArray(), attributes, $"{opType}_{_nextId++}"));
        return this;
    }

    /// <summary>Adds a node of a non-default operator domain (for example ONNX Runtime's <c>com.microsoft</c> contrib ops);
    /// the model then imports that domain at version 1.</summary>
    public OnnxGraphBuilder AddDomainNode(string domain, string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        foreach (var output in outputs) Define(output);
        _extraDomains.Add(domain);
        _nodes.Add(new OnnxNode(opType, inputs.ToArray(), outputs.ToArray(), attributes, $"{opType}_{_nextId++}", domain));
        return this;
    }

    /// <summary>Adds a single-output node whose output gets a fresh name, and returns that name.
    /// Handy for chaining: <c>var h = g.Apply("Relu", [g.Apply("MatMul", [x, w])]);</c></summary>
    public string Apply(string opType, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
    {
        var output = $"{opType.ToLowerInvariant()}_{_nextId}_out";
        AddNode(opType, inputs, [output], attributes);
        return output;
    }

    /// <summary>Encodes the model as ONNX protobuf bytes.</summary>
    /// <exception cref="InvalidOperationException">A node reads a value no earlier step defines, or an output is never produced.</exception>
    public byte[] ToBytes()
    {
        Validate();
        var opsets = new List<(string, long)> { ("", OpsetVersion) };
        opsets.AddRange(_extraDomains.Select(d => (d, 1L)));
        return OnnxProtoEncoder.EncodeModel(IrVersion, opsets, ProducerName, GraphName, _nodes, _initializers, _inputs, _outputs);
    }

    /// <summary>Writes the model to <paramref name="path"/>, creating the folder.</summary>
    public void Save(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllBytes(path, ToBytes());
    }

    private void Define(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("value names must not be empty", nameof(name));
        if (!_definedNames.Add(name)) throw new ArgumentException($"the value '{name}' is defined twice", nameof(name));
    }

    private void Validate()
    {
        var known = new HashSet<string>(_inputs.Select(i => i.Name).Concat(_initializers.Select(t => t.Name)), StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            foreach (var input in node.Inputs)
            {
                if (input.Length > 0 && !known.Contains(input))
                {
                    throw new InvalidOperationException($"node {node.Name} ({node.OpType}) reads '{input}', which no input, initializer or earlier node defines");
                }
            }
            known.UnionWith(node.Outputs);
        }
        foreach (var output in _outputs)
        {
            if (!known.Contains(output.Name)) throw new InvalidOperationException($"graph output '{output.Name}' is never produced");
        }
    }
}
