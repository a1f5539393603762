using RagSystem.Embeddings;
using RagSystem.Generation;
using RagSystem.Ingestion;
using RagSystem.Onnx;
using RagSystem.Storage;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;

namespace RagSystem.Core.Tests.Onnx;

/// <summary>A damaged JSON side file is reported with its path, as the exception its loader's callers handle.</summary>
public sealed class ModelFileJsonTests
{
    [Fact]
    public void A_broken_encoder_config_names_the_file()
    {
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "embedding");
        TinyModelFolder.WriteEncoder(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), "{ \"hidden_size\": ");
        var ex = Assert.Throws<ModelFolderException>(() => new OnnxEmbeddingGenerator(folder));
        Assert.Contains("config.json is not valid JSON", ex.Message);
    }

    [Fact]
    public void A_broken_decoder_config_turns_into_a_reason_not_a_crash()
    {
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "generator");
        TinyDecoderFolder.Write(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), "not json");
        Assert.Null(OnnxChatClient.TryCreate(folder, out var reason));
        Assert.Contains("config.json is not valid JSON", reason);
    }

    [Fact]
    public void A_missing_file_is_simply_absent()
    {
        Assert.Null(ModelFileJson.ReadIfExists(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json"), (m, e) => new InvalidOperationException(m, e)));
        Assert.Null(ModelFileJson.ReadIfExists(null, (m, e) => new InvalidOperationException(m, e)));
    }

    [Fact]
    public void A_damaged_index_source_record_says_what_to_do()
    {
        using var data = new TempDirectory();
        data.WriteFile("source.json", "{\"root\": ");
        var ex = Assert.Throws<StoreSchemaException>(() => IndexedRoot.Read(data.Path));
        Assert.Contains("source.json is damaged", ex.Message);
    }
}
