using RagSystem.Chunking;

namespace RagSystem.Core.Tests.Answering;

/// <summary>Counts whitespace-separated words, so budgets in tests are easy to reason about.</summary>
internal sealed class WordTokenCounter : ITokenCounter
{
    public string Name => "words";

    public int CountTokens(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord) count++;
            inWord = !space;
        }
        return count;
    }
}
