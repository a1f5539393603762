using System.Text.RegularExpressions;

namespace RagSystem.Answering;

/// <summary>Splits passage text into sentences: at ., ! or ? followed by space and a capital, digit, quote or bracket,
/// and at line breaks that end a paragraph or list item.</summary>
public static partial class SentenceSplitter
{
    // Abbreviations such as "e.g." or "Fig." are followed by a lower-case word or a number more often than by a capital;
    // the capital-letter lookahead avoids most false splits without a dictionary.
    [GeneratedRegex(@"(?<=[.!?][""')\]]?)\s+(?=[\p{Lu}\d""'(\[])|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)")]
    private static partial Regex Boundary();

    /// <summary>The sentences of <paramref name="text"/>, trimmed, with line breaks inside a sentence collapsed to spaces.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        foreach (var piece in Boundary().Split(text))
        {
            var sentence = string.Join(' ', piece.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
            if (sentence.Length > 0) sentences.Add(sentence);
        }
        return sentences;
    }
}
