using RagSystem.Onnx;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;
using RagSystem.Tokenization;

namespace RagSystem.Core.Tests.Tokenization;

public sealed class WordPieceTokenizerLoaderTests
{
    private static int Id(string token) => TinyBertVocabulary.Tokens.ToList().IndexOf(token);

    [Fact]
    public void TokenizerJsonAndVocabTxtFromAFolderAgree()
    {
        using var temp = new TempDirectory();
        TinyModelFolder.WriteEncoder(temp.Path);
        var settings = WordPieceTokenizerLoader.ReadSettings(temp.Path);
        var fromJson = WordPieceTokenizerLoader.LoadFromTokenizerJson(Path.Combine(temp.Path, "tokenizer.json"), settings);
        var fromVocab = WordPieceTokenizerLoader.LoadFromVocabTxt(Path.Combine(temp.Path, "vocab.txt"), settings);

        const string text = "Hello, World! The quick brown fox jumps over the lazy dog.";
        Assert.Equal(fromVocab.EncodeToIds(text), fromJson.EncodeToIds(text));
        Assert.Equal([Id("[CLS]"), Id("hello"), Id(","), Id("world"), Id("!"), Id("[SEP]")], fromJson.EncodeToIds("Hello, World!"));
    }

    [Fact]
    public void DoLowerCaseFalseIsHonoured()
    {
        using var temp = new TempDirectory();
        TinyModelFolder.WriteEncoder(temp.Path, new TinyModelFolderOptions { DoLowerCase = false, WriteVocabTxt = false });

        var tokenizer = WordPieceTokenizerLoader.Load(temp.Path);

        // The tiny vocabulary is lower-case only, so a cased "Hello" is unknown.
        Assert.Equal([Id("[CLS]"), Id("[UNK]"), Id("[SEP]")], tokenizer.EncodeToIds("Hello"));
        Assert.False(WordPieceTokenizerLoader.ReadSettings(temp.Path).LowerCase);
    }

    [Fact]
    public void TokenizerJsonWithHolesInTheIdsKeepsIds()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("tokenizer.json", """
            {"normalizer":{"type":"BertNormalizer","lowercase":true},
             "model":{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##",
               "vocab":{"[PAD]":0,"[UNK]":1,"[CLS]":2,"[SEP]":3,"[MASK]":4,"alpha":10,"beta":20,"##s":7}}}
            """);

        var tokenizer = WordPieceTokenizerLoader.Load(temp.Path);

        Assert.Equal([2, 10, 20, 7, 1, 3], tokenizer.EncodeToIds("Alpha betas gamma"));
    }

    [Fact]
    public void MissingTokenizerNamesTheFolder()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("tokenizer.json", """{"model":{"type":"BPE","vocab":{},"merges":[]}}""");

        Assert.False(WordPieceTokenizerLoader.CanLoad(temp.Path));
        var error = Assert.Throws<ModelFolderException>(() => WordPieceTokenizerLoader.Load(temp.Path));
        Assert.Contains(temp.Path, error.Message);
    }
}
