using System.Text.RegularExpressions;

namespace RagSystem.Answering;

/// <summary>The key terms of a question that name what it is about: acronyms and mixed-case names (<c>NVIDIA</c>,
/// <c>LoRA</c>, <c>GPT-2</c>), and capitalised words that do not start a sentence (<c>Chinchilla</c>, <c>English</c>).
/// A passage that does not mention them is about something else, however many of the question's other words it shares.
/// Bare numbers are not anchors: years and figures recur across unrelated documents and are often written differently
/// from the question (SciFact calibration, docs/answering.md). A term in parentheses is not an anchor: it is usually an abbreviation of the
/// words before it ("Coronary Artery Bypass Graft (CABG)"), and a passage may use either form.</summary>
public static partial class QuestionAnchors
{
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-'’.,][\p{L}\p{N}]+)*")]
    private static partial Regex Token();

    /// <summary>The content-word stems of the anchor terms of <paramref name="question"/> (empty when it has none).</summary>
    public static HashSet<string> StemSet(string question)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match token in Token().Matches(question))
        {
            var word = token.Value;
            if (InsideParentheses(question, token.Index)) continue;
            var isName = word.Skip(1).Any(char.IsUpper)
                || (char.IsUpper(word[0]) && !StartsSentence(question, token.Index));
            if (!isName) continue;
            foreach (var stem in ContentWords.Stems(word)) anchors.Add(stem);
        }
        return anchors;
    }

    private static bool InsideParentheses(string text, int index)
    {
        var open = text.LastIndexOf('(', index);
        return open >= 0 && text.LastIndexOf(')', index) < open && text.IndexOf(')', index) > 0;
    }

    private static bool StartsSentence(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c is '"' or '\'' or '“' or '‘' or '(' or '*' or '-') continue;
            return c is '.' or '?' or '!' or ':' or '\n';
        }
        return true;
    }
}
