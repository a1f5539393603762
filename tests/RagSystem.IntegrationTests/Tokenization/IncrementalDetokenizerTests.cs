using RagSystem.Generation;
using RagSystem.Testing;
using RagSystem.Tokenization;

namespace RagSystem.IntegrationTests.Tokenization;

public sealed class IncrementalDetokenizerTests
{
    private const string Mixed = "Zoë's café: 東京タワー 🗼 and 👩‍💻 wrote `for (int i = 0; i < n; i++) {}` — ça va? 𝔘𝔫𝔦𝔠𝔬𝔡𝔢";

    [Theory]
    [InlineData("models/tokenizers/gpt2")]
    [InlineData("models/tiny-random-llama-fp16")]
    public void StreamingTokenByToken_NeverEmitsHalfACharacter_AndReassemblesTheText(string relative)
    {
        var parts = relative.Split('/');
        if (SharedData.MissingReason(parts) is { } reason) Assert.Skip(reason);
        var tokenizer = DecoderTokenizerLoader.Load(SharedData.Find(parts)!);
        var ids = tokenizer.Encode(Mixed);
        var detokenizer = new IncrementalDetokenizer(tokenizer);
        var chunks = ids.Select(detokenizer.Push).Append(detokenizer.Flush()).ToList();

        Assert.All(chunks, c => Assert.DoesNotContain('\uFFFD', c));
        Assert.All(chunks.Where(c => c.Length > 0), c => Assert.False(char.IsHighSurrogate(c[^1]), $"chunk ends in half a surrogate pair: {c}"));
        Assert.Equal(Mixed, string.Concat(chunks));
        // Multi-byte characters span several tokens, so some pushes must have been held back.
        Assert.Contains(chunks.Take(ids.Count), c => c.Length == 0);
    }
}
