namespace RagSystem.Testing.Onnx;

/// <summary>One dimension of a graph input or output: a fixed size or a symbolic name such as <c>batch_size</c>.
/// Converts implicitly from <see cref="long"/> and <see cref="string"/>.</summary>
public readonly record struct OnnxDim
{
    private OnnxDim(long? value, string? symbol) => (Value, Symbol) = (value, symbol);

    /// <summary>The fixed size, or null when symbolic.</summary>
    public long? Value { get; }

    /// <summary>The symbolic name, or null when fixed.</summary>
    public string? Symbol { get; }

    /// <summary>A fixed dimension.</summary>
    public static OnnxDim Fixed(long value) => new(value, null);

    /// <summary>A symbolic dimension.</summary>
    public static OnnxDim Named(string symbol) => new(null, symbol);

    public static implicit operator OnnxDim(long value) => Fixed(value);

    public static implicit operator OnnxDim(string symbol) => Named(symbol);
}
