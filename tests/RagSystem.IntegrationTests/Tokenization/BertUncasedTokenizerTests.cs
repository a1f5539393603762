using Microsoft.ML.Tokenizers;
using RagSystem.Testing;
using RagSystem.Tokenization;

namespace RagSystem.IntegrationTests.Tokenization;

public sealed class BertUncasedTokenizerTests
{
    private static string Folder()
    {
        var folder = SharedData.Find("models", "tokenizers", "bert-uncased");
        if (folder is null) Assert.Skip(SharedData.MissingReason("models", "tokenizers", "bert-uncased")!);
        return folder;
    }

    [Fact]
    public void HelloWorldGivesBertUncasedIds()
    {
        var tokenizer = WordPieceTokenizerLoader.Load(Folder());
        Assert.Equal([101, 7592, 2088, 102], tokenizer.EncodeToIds("Hello World"));
    }

    [Fact]
    public void VocabTxtAndTokenizerJsonGiveTheSameIds()
    {
        var folder = Folder();
        var settings = WordPieceTokenizerLoader.ReadSettings(folder);
        var fromVocab = WordPieceTokenizerLoader.LoadFromVocabTxt(Path.Combine(folder, "vocab.txt"), settings);
        var fromJson = WordPieceTokenizerLoader.LoadFromTokenizerJson(Path.Combine(folder, "tokenizer.json"), settings);
        var corpus = SharedData.Find("data", "scifact", "corpus.jsonl");
        IEnumerable<string> texts = corpus is null
            ? ["Café au lait, naïve résumé!", "Transformers use self-attention.", "日本語のテキスト and ASCII"]
            : File.ReadLines(corpus).Take(50);
        foreach (var text in texts.Append("Café au lait, naïve résumé! 日本語 [MASK] tokens"))
        {
            Assert.Equal(fromVocab.EncodeToIds(text), fromJson.EncodeToIds(text));
        }
    }

    [Fact]
    public void LowerCasesStripsAccentsAndSplitsPunctuationLikeHuggingFace()
    {
        var tokenizer = WordPieceTokenizerLoader.Load(Folder());
        // bert-base-uncased (HF tokenizers): "Café Naïve!" → [CLS] cafe naive ! [SEP]
        Assert.Equal([101, 7668, 15743, 999, 102], tokenizer.EncodeToIds("Café Naïve!"));
    }

    [Fact]
    public void LongTextIsNotTruncatedTo128DespiteTokenizerJson()
    {
        var tokenizer = WordPieceTokenizerLoader.Load(Folder());
        var text = string.Join(' ', Enumerable.Repeat("hello world", 200));
        Assert.Equal(402, tokenizer.EncodeToIds(text).Count);
    }

    [Fact]
    public void SettingsComeFromTheFolder()
    {
        var settings = WordPieceTokenizerLoader.ReadSettings(Folder());
        Assert.True(settings.LowerCase);
        Assert.Null(settings.StripAccents);
        Assert.Equal(512, settings.ModelMaxLength);
    }

    [Fact]
    public void ModelTokenCounterCountsWithoutSpecialTokens()
    {
        var counter = ModelTokenCounter.FromModelDirectory(Folder());
        Assert.Equal(2, counter.CountTokens("hello world"));
        Assert.Equal("bert-uncased", counter.Name);
        Assert.Equal(0, counter.CountTokens(""));
    }
}
