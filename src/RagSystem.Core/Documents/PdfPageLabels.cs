using System.Globalization;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Parser.Parts;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace RagSystem.Documents;

/// <summary>Reads the printed page labels a PDF declares in its catalog's <c>/PageLabels</c> number tree (PDF 32000-1
/// §12.4.2): ranges of pages, each with a numbering style (decimal, upper or lower roman, upper or lower letters), a prefix
/// and a first number. PdfPig does not expose them, so the tree is walked here.</summary>
internal static class PdfPageLabels
{
    // A broken or hostile tree must not recurse forever.
    private const int MaxDepth = 16;

    /// <summary>The label of each page (index 0 is page 1), or null when the document declares none or its tree is unreadable.</summary>
    public static string?[]? Read(PdfDocument pdf)
    {
        try
        {
            var scanner = pdf.Structure.TokenScanner;
            if (!pdf.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Create("PageLabels"), out var root)) return null;
            var ranges = new SortedDictionary<int, DictionaryToken>();
            Collect(root, scanner, ranges, 0);
            return ranges.Count == 0 ? null : Labels(ranges, pdf.NumberOfPages, scanner);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Labels are a nicety: a damaged tree costs the labels, never the document.
            return null;
        }
    }

    /// <summary>The label of page number <paramref name="value"/> in <paramref name="style"/> (<c>D</c>, <c>R</c>, <c>r</c>,
    /// <c>A</c>, <c>a</c>, or null for a prefix-only label).</summary>
    public static string Format(string? style, int value) => style switch
    {
        "D" => value.ToString(CultureInfo.InvariantCulture),
        "R" => Roman(value),
        "r" => Roman(value).ToLowerInvariant(),
        "A" => Letters(value, 'A'),
        "a" => Letters(value, 'a'),
        _ => "",
    };

    private static void Collect(IToken node, IPdfTokenScanner scanner, SortedDictionary<int, DictionaryToken> ranges, int depth)
    {
        if (depth > MaxDepth || !DirectObjectFinder.TryGet(node, scanner, out DictionaryToken? dictionary) || dictionary is null) return;
        if (dictionary.TryGet(NameToken.Create("Nums"), out var numsToken) && DirectObjectFinder.TryGet(numsToken, scanner, out ArrayToken? nums) && nums is not null)
        {
            for (var i = 0; i + 1 < nums.Data.Count; i += 2)
            {
                if (DirectObjectFinder.TryGet(nums.Data[i], scanner, out NumericToken? start) && start is not null
                    && DirectObjectFinder.TryGet(nums.Data[i + 1], scanner, out DictionaryToken? label) && label is not null)
                {
                    ranges[start.Int] = label;
                }
            }
        }
        if (dictionary.TryGet(NameToken.Create("Kids"), out var kidsToken) && DirectObjectFinder.TryGet(kidsToken, scanner, out ArrayToken? kids) && kids is not null)
        {
            foreach (var kid in kids.Data) Collect(kid, scanner, ranges, depth + 1);
        }
    }

    private static string?[] Labels(SortedDictionary<int, DictionaryToken> ranges, int pageCount, IPdfTokenScanner scanner)
    {
        var labels = new string?[pageCount];
        var starts = ranges.Keys.ToList();
        for (var r = 0; r < starts.Count; r++)
        {
            var first = Math.Max(0, starts[r]);
            var end = r + 1 < starts.Count ? Math.Min(pageCount, starts[r + 1]) : pageCount;
            var range = ranges[starts[r]];
            var style = Name(range, "S", scanner);
            var prefix = Text(range, "P", scanner) ?? "";
            var number = range.TryGet(NameToken.Create("St"), out var st) && DirectObjectFinder.TryGet(st, scanner, out NumericToken? n) && n is not null
                ? Math.Max(1, n.Int) : 1;
            for (var page = first; page < end; page++)
            {
                var label = prefix + Format(style, number + page - starts[r]);
                labels[page] = label.Length > 0 ? label : null;
            }
        }
        return labels;
    }

    private static string? Name(DictionaryToken dictionary, string key, IPdfTokenScanner scanner) =>
        dictionary.TryGet(NameToken.Create(key), out var token) && DirectObjectFinder.TryGet(token, scanner, out NameToken? name) ? name?.Data : null;

    private static string? Text(DictionaryToken dictionary, string key, IPdfTokenScanner scanner)
    {
        if (!dictionary.TryGet(NameToken.Create(key), out var token)) return null;
        if (DirectObjectFinder.TryGet(token, scanner, out StringToken? text) && text is not null) return text.Data;
        return DirectObjectFinder.TryGet(token, scanner, out HexToken? hex) ? hex?.Data : null;
    }

    private static string Roman(int value)
    {
        // Roman numerals past a few thousand are not page labels anyone prints; decimal keeps them readable.
        if (value <= 0 || value >= 4000) return value.ToString(CultureInfo.InvariantCulture);
        ReadOnlySpan<int> values = [1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1];
        string[] symbols = ["M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"];
        var text = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            while (value >= values[i])
            {
                text.Append(symbols[i]);
                value -= values[i];
            }
        }
        return text.ToString();
    }

    // The PDF letter style: A..Z, then AA..ZZ, then AAA..ZZZ (the letter repeated, not a base-26 number).
    private static string Letters(int value, char a) =>
        value <= 0 ? "" : new string((char)(a + (value - 1) % 26), (value - 1) / 26 + 1);
}
