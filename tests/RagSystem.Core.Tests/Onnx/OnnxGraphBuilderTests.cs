using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RagSystem.Testing.Onnx;

namespace RagSystem.Core.Tests.Onnx;

public sealed class OnnxGraphBuilderTests
{
    // x [batch,3] -> Gemm(alpha 2, transB) with w [2,3] -> + Cast(fp16 bias) -> Transpose -> + ConstantOfShape(0.5) -> Reshape
    private static byte[] BuildSampleModel()
    {
        var g = new OnnxGraphBuilder();
        g.AddInput("x", OnnxDataType.Float, "batch", 3);
        var w = g.AddFloatInitializer("w", [2, 3], [1, 2, 3, 4, 5, 6]);
        var bias16 = g.AddFloat16Initializer("bias16", [2], [0.25f, -1.5f]);
        var constShape = g.AddInt64Vector("const_shape", 2, 1);
        var flat = g.AddInt64Vector("flat", -1);
        var y = g.Apply("Gemm", ["x", w], OnnxAttribute.Float("alpha", 2f), OnnxAttribute.Int("transB", 1));
        var bias = g.Apply("Cast", [bias16], OnnxAttribute.Int("to", (long)OnnxDataType.Float));
        var biased = g.Apply("Add", [y, bias]);
        var transposed = g.Apply("Transpose", [biased], OnnxAttribute.Ints("perm", 1, 0));
        var half = g.Apply("ConstantOfShape", [constShape], OnnxAttribute.Tensor("value", OnnxTensor.FromFloats("", [1], [0.5f])));
        var sum = g.Apply("Add", [transposed, half]);
        g.AddNode("Reshape", [sum, flat], ["out"]);
        g.AddOutput("out", OnnxDataType.Float, "n");
        return g.ToBytes();
    }

    [Fact]
    public void OnnxRuntimeLoadsAndRunsTheWrittenModel()
    {
        using var session = new InferenceSession(BuildSampleModel());

        Assert.Equal(["x"], session.InputMetadata.Keys);
        Assert.Equal(new[] { -1, 3 }, session.InputMetadata["x"].Dimensions);
        Assert.Equal("batch", session.InputMetadata["x"].SymbolicDimensions[0]);
        Assert.Equal(["out"], session.OutputMetadata.Keys);

        float[] x = [1, 0, 0, 0, 1, 1];
        using var input = OrtValue.CreateTensorValueFromMemory(x, [2, 3]);
        using var results = session.Run(new RunOptions(), ["x"], [input], ["out"]);
        var output = results[0].GetTensorDataAsSpan<float>().ToArray();

        // rows of 2*x@w^T: [2, 8] and [10, 22]; + bias [0.25, -1.5] -> [2.25, 6.5], [10.25, 20.5]; transposed + 0.5
        Assert.Equal(new[] { 2.75f, 10.75f, 7f, 21f }, output);
    }

    [Fact]
    public void Int64InitializersAndInputsRoundTrip()
    {
        var g = new OnnxGraphBuilder();
        g.AddInput("ids", OnnxDataType.Int64, "batch", "seq");
        var offset = g.AddInt64Initializer("offset", [1, 1], [100]);
        g.AddNode("Add", ["ids", offset], ["shifted"]);
        g.AddOutput("shifted", OnnxDataType.Int64, "batch", "seq");
        using var session = new InferenceSession(g.ToBytes());

        long[] ids = [1, 2, 3];
        using var input = OrtValue.CreateTensorValueFromMemory(ids, [1, 3]);
        using var results = session.Run(new RunOptions(), ["ids"], [input], ["shifted"]);

        Assert.Equal(new long[] { 101, 102, 103 }, results[0].GetTensorDataAsSpan<long>().ToArray());
        Assert.Equal(TensorElementType.Int64, session.OutputMetadata["shifted"].ElementDataType);
    }

    [Fact]
    public void ReadingAnUndefinedValueFailsWhenWriting()
    {
        var g = new OnnxGraphBuilder();
        g.AddInput("x", OnnxDataType.Float, 1);
        g.AddNode("Relu", ["typo"], ["y"]);
        g.AddOutput("y", OnnxDataType.Float, 1);

        var error = Assert.Throws<InvalidOperationException>(() => g.ToBytes());
        Assert.Contains("'typo'", error.Message);
    }

    [Fact]
    public void SavedFileMatchesTheBytes()
    {
        using var temp = new RagSystem.Testing.TempDirectory();
        var g = new OnnxGraphBuilder();
        g.AddInput("x", OnnxDataType.Float, 2);
        g.AddNode("Neg", ["x"], ["y"]);
        g.AddOutput("y", OnnxDataType.Float, 2);
        var path = Path.Combine(temp.Path, "sub", "model.onnx");

        g.Save(path);

        Assert.Equal(g.ToBytes(), File.ReadAllBytes(path));
        using var session = new InferenceSession(path);
        Assert.Equal(["y"], session.OutputMetadata.Keys);
    }
}
