using System.Globalization;
using System.Text.RegularExpressions;

namespace RagSystem.Answering;

/// <summary>Finds the passage numbers an answer cites: <c>[2]</c>, <c>[1][3]</c>, <c>[1, 3]</c>, <c>[2-4]</c>.</summary>
public static partial class CitationExtractor
{
    [GeneratedRegex(@"\[\s*(\d{1,3}(?:\s*(?:,|;|-|–|and)\s*\d{1,3})*)\s*\]")]
    private static partial Regex Bracket();

    [GeneratedRegex(@"\d{1,3}|-|–")]
    private static partial Regex Part();

    /// <summary>The distinct numbers in 1..<paramref name="passageCount"/> cited in <paramref name="text"/>, in order of first mention.</summary>
    public static IReadOnlyList<int> CitedNumbers(string text, int passageCount)
    {
        var cited = new List<int>();
        foreach (Match bracket in Bracket().Matches(text))
        {
            int? previous = null;
            var range = false;
            foreach (Match part in Part().Matches(bracket.Groups[1].Value))
            {
                if (part.Value is "-" or "–") { range = true; continue; }
                var n = int.Parse(part.Value, CultureInfo.InvariantCulture);
                if (range && previous is { } from && n >= from && n - from <= passageCount)
                {
                    for (var k = from + 1; k <= n; k++) Add(k);
                }
                else Add(n);
                previous = n;
                range = false;
            }
        }
        return cited;

        void Add(int n)
        {
            if (n >= 1 && n <= passageCount && !cited.Contains(n)) cited.Add(n);
        }
    }
}
