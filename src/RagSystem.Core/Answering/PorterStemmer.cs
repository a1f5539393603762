namespace RagSystem.Answering;

/// <summary>The classic Porter (1980) suffix-stripping stemmer for English, so that "mutations" and
/// "mutated" match "mutation" when the answerer compares a question with passages.</summary>
public static class PorterStemmer
{
    /// <summary>Returns the stem of a lower-case word. Words of two letters or fewer are returned unchanged.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 2) return word;
        var w = new StemBuffer(word);
        Step1A(w);
        Step1B(w);
        Step1C(w);
        Step2(w);
        Step3(w);
        Step4(w);
        Step5(w);
        return w.ToString();
    }

    private static void Step1A(StemBuffer w)
    {
        if (w.EndsWith("sses")) w.Truncate(2);
        else if (w.EndsWith("ies")) w.Truncate(2);
        else if (w.EndsWith("ss")) { }
        else if (w.EndsWith("s")) w.Truncate(1);
    }

    private static void Step1B(StemBuffer w)
    {
        if (w.EndsWith("eed"))
        {
            if (w.Measure(w.Length - 3) > 0) w.Truncate(1);
            return;
        }
        var removed = false;
        if (w.EndsWith("ed") && w.HasVowel(w.Length - 2)) { w.Truncate(2); removed = true; }
        else if (w.EndsWith("ing") && w.HasVowel(w.Length - 3)) { w.Truncate(3); removed = true; }
        if (!removed) return;
        if (w.EndsWith("at") || w.EndsWith("bl") || w.EndsWith("iz")) w.Append('e');
        else if (w.EndsWithDoubleConsonant() && !(w.EndsWith("l") || w.EndsWith("s") || w.EndsWith("z"))) w.Truncate(1);
        else if (w.Measure(w.Length) == 1 && w.EndsWithCvc(w.Length)) w.Append('e');
    }

    private static void Step1C(StemBuffer w)
    {
        if (w.EndsWith("y") && w.HasVowel(w.Length - 1)) w.ReplaceEnd(1, "i");
    }

    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("abli", "able"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
        "iti", "ous", "ive", "ize",
    ];

    private static void Step2(StemBuffer w) => ApplyRules(w, Step2Rules);

    private static void Step3(StemBuffer w) => ApplyRules(w, Step3Rules);

    private static void ApplyRules(StemBuffer w, (string Suffix, string Replacement)[] rules)
    {
        // Only the longest matching suffix is considered; the list orders longer variants first where they overlap.
        foreach (var (suffix, replacement) in rules)
        {
            if (!w.EndsWith(suffix)) continue;
            if (w.Measure(w.Length - suffix.Length) > 0) w.ReplaceEnd(suffix.Length, replacement);
            return;
        }
    }

    private static void Step4(StemBuffer w)
    {
        string? match = null;
        foreach (var suffix in Step4Suffixes)
        {
            if (w.EndsWith(suffix) && (match is null || suffix.Length > match.Length)) match = suffix;
        }
        if (match is null) return;
        var stemEnd = w.Length - match.Length;
        if (w.Measure(stemEnd) <= 1) return;
        if (match == "ion" && !(stemEnd > 0 && (w[stemEnd - 1] == 's' || w[stemEnd - 1] == 't'))) return;
        w.Truncate(match.Length);
    }

    private static void Step5(StemBuffer w)
    {
        if (w.EndsWith("e"))
        {
            var m = w.Measure(w.Length - 1);
            if (m > 1 || (m == 1 && !w.EndsWithCvc(w.Length - 1))) w.Truncate(1);
        }
        if (w.EndsWith("ll") && w.Measure(w.Length) > 1) w.Truncate(1);
    }
}
