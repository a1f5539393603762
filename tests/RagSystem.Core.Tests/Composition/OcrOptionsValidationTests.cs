using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Composition;

/// <summary>Out-of-range <c>Ocr:*</c> settings (and <c>Ingestion:PerOcrPageTimeout</c>) fail at start with one line naming the key.</summary>
public sealed class OcrOptionsValidationTests
{
    private static RagConfigurationException Fails(string data, string key, string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>(key, value)])
            .Build();
        var services = new ServiceCollection();
        services.AddRagSystem(configuration, o =>
        {
            o.DataDirectory = data;
            o.ModelsDirectory = Path.Combine(data, "no-models");
        });
        using var provider = services.BuildServiceProvider();
        return Assert.Throws<RagConfigurationException>(() => provider.GetRequiredService<RagOptions>());
    }

    [Theory]
    [InlineData("Ocr:DetectionMaxSide", "16")]
    [InlineData("Ocr:DetectionMaxSide", "100000")]
    [InlineData("Ocr:BinaryThreshold", "0")]
    [InlineData("Ocr:BinaryThreshold", "1.5")]
    [InlineData("Ocr:BoxThreshold", "-0.1")]
    [InlineData("Ocr:MinLineConfidence", "1")]
    [InlineData("Ocr:UnclipRatio", "0")]
    [InlineData("Ocr:RecognitionBatchSize", "0")]
    [InlineData("Ocr:MaxPagePixels", "1000")]
    [InlineData("Ocr:MinPdfPageLetters", "-1")]
    [InlineData("Ingestion:PerOcrPageTimeout", "-00:00:01")]
    public void Ocr_setting_out_of_range_is_one_line_naming_its_key(string key, string value)
    {
        using var data = new TempDirectory();
        var error = Fails(data.Path, key, value);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(RagErrorKind.Misconfigured, error.ErrorKind);
    }

    [Fact]
    public void Ocr_model_directory_that_does_not_exist_is_named_when_set_explicitly()
    {
        using var data = new TempDirectory();
        var missing = Path.Combine(data.Path, "no-such-ocr-folder");
        var error = Fails(data.Path, "Ocr:ModelDirectory", missing);
        Assert.Contains("Ocr:ModelDirectory", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ocr_defaults_are_valid()
    {
        new RagOptions().Validate();
        new global::RagSystem.Ocr.OcrOptions().Validate();
    }
}
