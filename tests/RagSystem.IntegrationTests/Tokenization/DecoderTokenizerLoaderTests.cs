using RagSystem.Testing;
using RagSystem.Tokenization;

namespace RagSystem.IntegrationTests.Tokenization;

public sealed class DecoderTokenizerLoaderTests
{
    // Accents, CJK, emoji (incl. a ZWJ sequence and a flag), code, tabs, newlines and runs of spaces.
    private const string Mixed = "Café naïve – déjà vu. 東京は日本の首都です。 한국어 😀👩‍👩‍👧 🇫🇷\n" +
        "fn main() {\n\tlet x = vec![1, 2, 3]; // sum  \n    println!(\"{}\", x.iter().sum::<i32>());\n}\r\n  <tag attr='1'>  ";

    private static DecoderTokenizer LoadShared(params string[] parts)
    {
        var reason = SharedData.MissingReason(parts);
        if (reason is not null) Assert.Skip(reason);
        return DecoderTokenizerLoader.Load(SharedData.Find(parts)!);
    }

    [Fact]
    public void Gpt2_RoundTripsMixedTextLosslessly()
    {
        var tokenizer = LoadShared("models", "tokenizers", "gpt2");
        var ids = tokenizer.Encode(Mixed);
        Assert.True(ids.Count > 40);
        Assert.Equal(Mixed, tokenizer.Decode(ids));
    }

    [Fact]
    public void Gpt2_EncodesKnownIdsAndSpecialTokenAsOneId()
    {
        var tokenizer = LoadShared("models", "tokenizers", "gpt2");
        // Reference ids from Hugging Face tokenizers for GPT-2: "Hello world" -> [15496, 995].
        Assert.Equal([15496, 995], tokenizer.Encode("Hello world"));
        var ids = tokenizer.Encode("Hi<|endoftext|>there");
        Assert.Equal(50256, ids[1]);
        Assert.Equal(3, ids.Count);
        Assert.Equal(50256, tokenizer.EosTokenId);
        Assert.True(tokenizer.IsSpecial(50256));
        Assert.Equal("Hithere", tokenizer.Decode(ids));
        Assert.Equal("Hi<|endoftext|>there", tokenizer.Decode(ids, skipSpecialTokens: false));
    }

    [Fact]
    public void Llama2Json_RoundTripsMixedTextLosslessly()
    {
        var tokenizer = LoadShared("models", "tiny-random-llama-fp16");
        var ids = tokenizer.Encode(Mixed);
        Assert.DoesNotContain(0, ids); // no <unk>: byte fallback covers emoji and rare CJK
        Assert.Equal(Mixed, tokenizer.Decode(ids));
    }

    [Fact]
    public void Llama2Json_MatchesReferenceIdsAndMapsChatSpecialTokens()
    {
        var tokenizer = LoadShared("models", "tiny-random-llama-fp16");
        // Reference from Hugging Face (Llama-2 tokenizer, no BOS): "Hello world" -> [15043, 3186].
        Assert.Equal([15043, 3186], tokenizer.Encode("Hello world"));
        var ids = tokenizer.Encode("<s>[INST] Hi [/INST] Hello</s>");
        Assert.Equal(1, ids[0]);
        Assert.Equal(2, ids[^1]);
        Assert.Equal(1, ids.Count(i => i == 1));
        Assert.Equal(1, tokenizer.BosTokenId);
        Assert.Equal(2, tokenizer.EosTokenId);
        Assert.Equal("[INST] Hi [/INST] Hello", tokenizer.Decode(ids));
    }

    [Fact]
    public void SentencePieceModelFile_LoadsThroughLlamaTokenizer_AndMatchesTheJsonPath()
    {
        // No shared model ships a tokenizer.model, so write one from the Llama-2 tokenizer.json (the same
        // ModelProto the json path hands to LlamaTokenizer) and load it from a folder that has only that file.
        var fromJson = LoadShared("models", "tiny-random-llama-fp16");
        using var dir = new TempDirectory("sp-model");
        var source = SharedData.Find("models", "tiny-random-llama-fp16")!;
        File.Copy(Path.Combine(source, "tokenizer_config.json"), Path.Combine(dir.Path, "tokenizer_config.json"));
        var json = TokenizerJson.Parse(Path.Combine(source, "tokenizer.json"));
        var vocab = json.Vocabulary();
        File.WriteAllBytes(Path.Combine(dir.Path, "tokenizer.model"), SentencePieceModelWriter.Write(vocab, json.Merges(),
            new HashSet<int> { 1, 2 }, new HashSet<int>(), unkId: 0, bosId: 1, eosId: 2, addDummyPrefix: true));

        var fromModel = DecoderTokenizerLoader.Load(dir.Path);
        Assert.IsAssignableFrom<Microsoft.ML.Tokenizers.LlamaTokenizer>(fromModel.Inner);
        Assert.Equal(fromJson.Encode(Mixed), fromModel.Encode(Mixed));
        Assert.Equal(Mixed, fromModel.Decode(fromModel.Encode(Mixed)));
        var ids = fromModel.Encode("<s>[INST] Hi [/INST]");
        Assert.Equal(1, ids[0]);
        Assert.Equal((int?)2, fromModel.EosTokenId);
    }
}
