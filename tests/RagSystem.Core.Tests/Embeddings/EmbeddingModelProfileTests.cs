using RagSystem.Embeddings;
using RagSystem.Onnx;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;
using RagSystem.Tokenization;

namespace RagSystem.Core.Tests.Embeddings;

public sealed class EmbeddingModelProfileTests
{
    private static EmbeddingModelProfile Read(TempDirectory temp, TinyModelFolderOptions folderOptions, EmbeddingModelOptions? options = null)
    {
        TinyModelFolder.WriteEncoder(temp.Path, folderOptions);
        var folder = OnnxModelLocator.Locate(temp.Path);
        return EmbeddingModelProfile.Read(folder, ModelConfig.Read(folder), WordPieceTokenizerLoader.ReadSettings(temp.Path), options ?? new());
    }

    [Fact]
    public void BgeEnglishNamesGetClsPoolingAndTheQueryInstruction()
    {
        using var temp = new TempDirectory();
        var profile = Read(temp, new TinyModelFolderOptions { NameOrPath = "BAAI/bge-small-en-v1.5" });

        Assert.Equal(EmbeddingPooling.Cls, profile.Pooling);
        Assert.Equal("Represent this sentence for searching relevant passages: ", profile.QueryPrefix);
        Assert.Equal("", profile.PassagePrefix);
        Assert.Equal("BAAI/bge-small-en-v1.5", profile.Name);
    }

    [Fact]
    public void E5NamesGetQueryAndPassagePrefixes()
    {
        using var temp = new TempDirectory();
        var profile = Read(temp, new TinyModelFolderOptions { NameOrPath = "intfloat/e5-small-v2" });

        Assert.Equal(("query: ", "passage: ", EmbeddingPooling.Mean), (profile.QueryPrefix, profile.PassagePrefix, profile.Pooling));
    }

    [Fact]
    public void PlainModelsDefaultToMeanNormalizedWithoutPrefixesAndTheFolderName()
    {
        using var temp = new TempDirectory();
        var profile = Read(temp, new TinyModelFolderOptions { NameOrPath = "/home/me/.cache/some-local-export" });

        Assert.Equal((EmbeddingPooling.Mean, true, "", ""), (profile.Pooling, profile.Normalize, profile.QueryPrefix, profile.PassagePrefix));
        Assert.Equal(new DirectoryInfo(temp.Path).Name, profile.Name);
    }

    [Fact]
    public void SentenceBertMaxSeqLengthLimitsTokensUnlessTheOptionRaisesItWithinThePositionTable()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("sentence_bert_config.json", """{"max_seq_length": 24, "do_lower_case": false}""");

        Assert.Equal(24, Read(temp, new TinyModelFolderOptions()).MaxTokens);
        Assert.Equal(64, Read(temp, new TinyModelFolderOptions(), new EmbeddingModelOptions { MaxTokens = 1000 }).MaxTokens);
    }

    [Fact]
    public void UnsupportedPoolingModeSaysHowToOverride()
    {
        using var temp = new TempDirectory();
        TinyModelFolder.WriteEncoder(temp.Path);
        temp.WriteFile("1_Pooling/config.json", """{"pooling_mode_max_tokens": true}""");
        var folder = OnnxModelLocator.Locate(temp.Path);

        var error = Assert.Throws<ModelFolderException>(() =>
            EmbeddingModelProfile.Read(folder, ModelConfig.Read(folder), new WordPieceSettings(), new EmbeddingModelOptions()));
        Assert.Contains("rag-model.json", error.Message);
    }
}
