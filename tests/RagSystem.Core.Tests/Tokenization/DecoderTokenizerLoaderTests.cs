using RagSystem.Generation;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;
using RagSystem.Tokenization;

namespace RagSystem.Core.Tests.Tokenization;

/// <summary>The loader on the self-made byte-level tokenizer.json (no downloaded files needed).</summary>
public sealed class DecoderTokenizerLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("tiny-tokenizer");

    private DecoderTokenizer Load()
    {
        TinyDecoderFolder.Write(_dir.Path);
        return DecoderTokenizerLoader.Load(_dir.Path);
    }

    [Fact]
    public void ByteLevel_RoundTripsAnyText_AndAppliesMerges()
    {
        var tokenizer = Load();
        const string text = "the thin  cat — naïve 東京 🙂\n\tx";
        var ids = tokenizer.Encode(text);
        Assert.Equal(text, tokenizer.Decode(ids));
        Assert.Equal([258], tokenizer.Encode(" the")); // merges Ġ+t, h+e, Ġt+he
    }

    [Fact]
    public void ChatTemplateSpecialTokens_EncodeToSingleIds_AndAreSkippedWhenDecoding()
    {
        var tokenizer = Load();
        var prompt = new ChatTemplateChatMl().Render([new(Microsoft.Extensions.AI.ChatRole.User, "hi")]);
        var ids = tokenizer.Encode(prompt);
        Assert.Equal(ByteLevelTokenizerJson.ImStart, ids[0]);
        Assert.Equal(2, ids.Count(i => i == ByteLevelTokenizerJson.ImStart));
        Assert.Single(ids, i => i == ByteLevelTokenizerJson.ImEnd);
        Assert.Equal("user\nhi\nassistant\n", tokenizer.Decode(ids));
        Assert.Equal(prompt, tokenizer.Decode(ids, skipSpecialTokens: false));
        Assert.Equal(ByteLevelTokenizerJson.ImEnd, tokenizer.EosTokenId);
        Assert.Equal(ByteLevelTokenizerJson.EndOfText, tokenizer.BosTokenId);
    }

    [Fact]
    public void IncrementalDetokenizer_HoldsBackHalfCharacters()
    {
        var tokenizer = Load();
        var detokenizer = new IncrementalDetokenizer(tokenizer);
        var ids = tokenizer.Encode("a🙂b"); // the emoji is four byte tokens
        Assert.Equal(6, ids.Count);
        var chunks = ids.Select(detokenizer.Push).ToList();
        Assert.Equal(["a", "", "", "", "🙂", "b"], chunks);
    }

    [Fact]
    public void MissingOrUnsupportedFiles_GiveActionableErrors()
    {
        Assert.Contains("No tokenizer", Assert.Throws<TokenizerLoadException>(() => DecoderTokenizerLoader.Load(_dir.Path)).Message);
        File.WriteAllText(Path.Combine(_dir.Path, "tokenizer.json"), """{"model": {"type": "WordPiece", "vocab": {}}}""");
        Assert.Contains("WordPiece", Assert.Throws<TokenizerLoadException>(() => DecoderTokenizerLoader.Load(_dir.Path)).Message);
    }

    public void Dispose() => _dir.Dispose();
}
