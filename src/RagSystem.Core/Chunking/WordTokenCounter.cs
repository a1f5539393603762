using System.Globalization;

namespace RagSystem.Chunking;

/// <summary>Counts words when no embedding model is installed. CJK ideographs, kana and hangul count
/// one each, because those scripts put no spaces between words and a whole line would otherwise be "one word".</summary>
public sealed class WordTokenCounter : ITokenCounter
{
    /// <summary>The shared instance; the counter holds no state.</summary>
    public static WordTokenCounter Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "words";

    /// <inheritdoc />
    public int CountTokens(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (IsDenseScript(c))
            {
                count++;
                inWord = false;
            }
            else if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                count++;
                inWord = true;
            }
        }
        return count;
    }

    internal static bool IsDenseScript(char c) =>
        c is >= '\u3040' and <= '\u30FF'     // hiragana, katakana
          or >= '\u3400' and <= '\u4DBF'     // CJK extension A
          or >= '\u4E00' and <= '\u9FFF'     // CJK unified ideographs
          or >= '\uAC00' and <= '\uD7AF'     // hangul syllables
          or >= '\uF900' and <= '\uFAFF'     // CJK compatibility ideographs
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter && c >= '\u2E80' && c < '\uA000';
}
