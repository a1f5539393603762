using UglyToad.PdfPig.Content;

namespace RagSystem.Documents;

/// <summary>Repairs words that PDF word extraction splits: glyph runs drawn without a gap (small caps drawn as a large
/// and a small font: <c>S ATYA</c> → <c>SATYA</c>), trademark symbols (<c>iPhone ®</c> → <c>iPhone®</c>), raised
/// superscripts attached to their word with <c>^</c> (<c>QK T</c> → <c>QK^T</c>), and a currency sign set apart from its
/// figure (<c>$ 14,514</c> → <c>$14,514</c>).</summary>
internal static class PdfWordMerger
{
    // Measured in the font size of the larger word: a word space is about 0.25 em; glyphs of one word touch (≤ 0.1 em).
    private const double GlyphRunGap = 0.1;
    private const double SuperscriptGap = 0.35;
    private const double SymbolGap = 0.6;
    private const double CurrencyGap = 0.8;

    public static List<PdfWord> Merge(IReadOnlyList<Word> words)
    {
        var result = new List<PdfWord>(words.Count);
        var horizontal = new List<PdfWord>(words.Count);
        foreach (var word in words)
        {
            var pdfWord = new PdfWord(word, word.Text);
            (pdfWord.IsHorizontal ? horizontal : result).Add(pdfWord);
        }
        foreach (var line in Lines(horizontal, 0.5))
        {
            PdfWord? previous = null;
            foreach (var word in line)
            {
                if (previous is not null && JoinText(previous, word) is { } joined)
                {
                    previous = new PdfWord(new Word([.. previous.Source.Letters, .. word.Source.Letters]), joined);
                    continue;
                }
                if (previous is not null) result.Add(previous);
                previous = word;
            }
            if (previous is not null) result.Add(previous);
        }
        return result;
    }

    /// <summary>Groups words into lines by baseline, top line first, each line's words left to right. A word joins a
    /// line when its baseline is within <paramref name="tolerance"/> (in font sizes) of the line's first baseline.</summary>
    public static List<List<PdfWord>> Lines(IEnumerable<PdfWord> words, double tolerance)
    {
        var lines = new List<List<PdfWord>>();
        List<PdfWord>? current = null;
        double anchor = 0, size = 0;
        foreach (var word in words.OrderByDescending(w => w.Baseline).ThenBy(w => w.Left))
        {
            if (current is not null && anchor - word.Baseline <= tolerance * Math.Max(size, word.Size))
            {
                current.Add(word);
                size = Math.Max(size, word.Size);
                continue;
            }
            current = [word];
            lines.Add(current);
            anchor = word.Baseline;
            size = word.Size;
        }
        foreach (var line in lines) line.Sort((a, b) => a.Left.CompareTo(b.Left));
        return lines;
    }

    /// <summary>The text of <paramref name="left"/> and <paramref name="right"/> as one word, or null when they are two.</summary>
    internal static string? JoinText(PdfWord left, PdfWord right)
    {
        var size = Math.Max(left.Size, right.Size);
        var gap = right.Left - left.Right;
        if (gap < -0.5 * size) return null; // overlapping or out of order: not neighbours on a line
        var rise = right.Baseline - left.Baseline;
        if (right.Size <= 0.85 * left.Size && rise >= 0.2 * left.Size && gap <= SuperscriptGap * left.Size)
            return IsSymbol(right.Text) ? left.Text + right.Text : $"{left.Text}^{right.Text}";
        if (Math.Abs(rise) > 0.6 * size) return null;
        if (IsSymbol(right.Text) && gap <= SymbolGap * size) return left.Text + right.Text;
        if (IsCurrency(left.Text) && right.Text.Length > 0 && (char.IsAsciiDigit(right.Text[0]) || right.Text[0] == '(') && gap <= CurrencyGap * size)
            return left.Text + right.Text;
        if (gap <= GlyphRunGap * size && Math.Abs(rise) <= 0.15 * size && !IsPunctuationBoundary(left.Text, right.Text))
            return left.Text + right.Text;
        return null;
    }

    private static bool IsSymbol(string text) => text.Length > 0 && text.All(c => c is '®' or '™' or '©' or '℠' or '†' or '‡');

    private static bool IsCurrency(string text) => text is "$" or "€" or "£" or "¥";

    // "word" followed by "(" or "|" drawn tight is still two tokens; joining them would glue unrelated text.
    private static bool IsPunctuationBoundary(string left, string right) => right.Length > 0 && right[0] is '(' or '|' or '•';
}
