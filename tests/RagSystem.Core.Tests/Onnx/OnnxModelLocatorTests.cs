using RagSystem.Onnx;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Onnx;

public sealed class OnnxModelLocatorTests
{
    [Fact]
    public void TopLevelModelWinsOverTheOnnxFolder()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("model.onnx", "x");
        temp.WriteFile("onnx/model.onnx", "x");

        Assert.Equal(Path.Combine(temp.Path, "model.onnx"), OnnxModelLocator.Locate(temp.Path).ModelPath);
    }

    [Fact]
    public void OnnxFolderPrefersFullPrecisionThenFp16ThenQuantized()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("onnx/model_q4.onnx", "x");
        temp.WriteFile("onnx/model_quantized.onnx", "x");
        Assert.EndsWith("model_quantized.onnx", OnnxModelLocator.Locate(temp.Path).ModelPath);

        temp.WriteFile("onnx/model_fp16.onnx", "x");
        Assert.EndsWith("model_fp16.onnx", OnnxModelLocator.Locate(temp.Path).ModelPath);

        temp.WriteFile("onnx/model.onnx", "x");
        temp.WriteFile("onnx/model.onnx_data", "x");
        var folder = OnnxModelLocator.Locate(temp.Path);
        Assert.Equal(Path.Combine(temp.Path, "onnx", "model.onnx"), folder.ModelPath);
        Assert.Equal(Path.Combine(temp.Path, "onnx", "model.onnx_data"), folder.ExternalDataPath);
    }

    [Fact]
    public void ExplicitFileIsFoundUnderOnnxOrReportedMissing()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("onnx/model.onnx", "x");
        temp.WriteFile("onnx/model_q4.onnx", "x");

        Assert.EndsWith("model_q4.onnx", OnnxModelLocator.Locate(temp.Path, "model_q4.onnx").ModelPath);
        var error = Assert.Throws<ModelFolderException>(() => OnnxModelLocator.Locate(temp.Path, "model_int8.onnx"));
        Assert.Contains("model_int8.onnx", error.Message);
    }

    [Fact]
    public void AnyOtherOnnxFileIsTheLastResort()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("encoder.onnx", "x");
        Assert.EndsWith("encoder.onnx", OnnxModelLocator.Locate(temp.Path).ModelPath);
        Assert.Equal(new DirectoryInfo(temp.Path).Name, OnnxModelLocator.Locate(temp.Path).Name);
    }
}
