namespace RagSystem.Storage.Lexical;

/// <summary>The Porter (1980) stemming algorithm, as SQLite's FTS5 <c>porter</c> tokenizer applies it: lower-case ASCII
/// words of 3 to 64 characters are stemmed, anything else passes through. The Qdrant store's sparse vectors use it so that
/// both backends index the same terms (checked against SQLite itself in <c>LexicalAnalyzerStoreTests</c>).</summary>
public static class PorterStemmer
{
    private const int MinLength = 3;
    private const int MaxLength = 64;

    /// <summary>The stem of a lower-case word.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < MinLength || word.Length > MaxLength) return word;
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z') return word;
        }
        var b = word.ToCharArray();
        var k = b.Length - 1;
        k = Step1A(b, k);
        k = Step1B(b, k);
        k = Step1C(b, k);
        k = Step2(b, k);
        k = Step3(b, k);
        k = Step4(b, k);
        k = Step5(b, k);
        return new string(b, 0, k + 1);
    }

    private static bool IsConsonant(char[] b, int i) => b[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(b, i - 1),
        _ => true,
    };

    /// <summary>m, the number of VC sequences in b[0..j].</summary>
    private static int Measure(char[] b, int j)
    {
        var n = 0;
        var i = 0;
        while (true)
        {
            if (i > j) return n;
            if (!IsConsonant(b, i)) break;
            i++;
        }
        i++;
        while (true)
        {
            while (true)
            {
                if (i > j) return n;
                if (IsConsonant(b, i)) break;
                i++;
            }
            i++;
            n++;
            while (true)
            {
                if (i > j) return n;
                if (!IsConsonant(b, i)) break;
                i++;
            }
            i++;
        }
    }

    private static bool HasVowel(char[] b, int j)
    {
        for (var i = 0; i <= j; i++)
        {
            if (!IsConsonant(b, i)) return true;
        }
        return false;
    }

    private static bool EndsWithDoubleConsonant(char[] b, int j) => j >= 1 && b[j] == b[j - 1] && IsConsonant(b, j);

    /// <summary>cvc at j, where the last c is not w, x or y: the stem ends short (hop, not hoop).</summary>
    private static bool EndsCvc(char[] b, int j)
    {
        if (j < 2 || !IsConsonant(b, j) || IsConsonant(b, j - 1) || !IsConsonant(b, j - 2)) return false;
        return b[j] is not ('w' or 'x' or 'y');
    }

    private static bool EndsWith(char[] b, int k, string suffix) =>
        suffix.Length <= k + 1 && new ReadOnlySpan<char>(b, k + 1 - suffix.Length, suffix.Length).SequenceEqual(suffix);

    /// <summary>Replaces the suffix ending at k with <paramref name="replacement"/>; returns the new end.</summary>
    private static int Replace(char[] b, int k, int suffixLength, string replacement)
    {
        var start = k + 1 - suffixLength;
        replacement.CopyTo(0, b, start, replacement.Length);
        return start + replacement.Length - 1;
    }

    private static int Step1A(char[] b, int k)
    {
        if (b[k] != 's') return k;
        if (EndsWith(b, k, "sses")) return k - 2;
        if (EndsWith(b, k, "ies")) return k - 2;
        if (k >= 1 && b[k - 1] != 's') return k - 1;
        return k;
    }

    private static int Step1B(char[] b, int k)
    {
        if (EndsWith(b, k, "eed"))
        {
            return Measure(b, k - 3) > 0 ? k - 1 : k;
        }
        int stemEnd;
        if (EndsWith(b, k, "ed")) stemEnd = k - 2;
        else if (EndsWith(b, k, "ing")) stemEnd = k - 3;
        else return k;
        if (!HasVowel(b, stemEnd)) return k;
        k = stemEnd;
        if (EndsWith(b, k, "at")) return Replace(b, k, 2, "ate");
        if (EndsWith(b, k, "bl")) return Replace(b, k, 2, "ble");
        if (EndsWith(b, k, "iz")) return Replace(b, k, 2, "ize");
        if (EndsWithDoubleConsonant(b, k) && b[k] is not ('l' or 's' or 'z')) return k - 1;
        if (Measure(b, k) == 1 && EndsCvc(b, k)) return Replace(b, k, 0, "e");
        return k;
    }

    private static int Step1C(char[] b, int k)
    {
        if (b[k] == 'y' && HasVowel(b, k - 1)) b[k] = 'i';
        return k;
    }

    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti",
        "ous", "ive", "ize",
    ];

    // Sorted once (a stable sort: equal lengths keep their order); sorting on every call was most of the stemming time.
    private static readonly (string Suffix, string Replacement)[] Step2LongestFirst = LongestFirst(Step2Rules);
    private static readonly (string Suffix, string Replacement)[] Step3LongestFirst = LongestFirst(Step3Rules);
    private static readonly string[] Step4LongestFirst = [.. Step4Suffixes.OrderByDescending(s => s.Length)];

    private static int Step2(char[] b, int k) => ApplyRules(b, k, Step2LongestFirst);

    private static int Step3(char[] b, int k) => ApplyRules(b, k, Step3LongestFirst);

    /// <summary>The first rule (longest suffix first) whose suffix matches decides: it applies when the stem before it has m &gt; 0.</summary>
    private static int ApplyRules(char[] b, int k, (string Suffix, string Replacement)[] rulesLongestFirst)
    {
        foreach (var (suffix, replacement) in rulesLongestFirst)
        {
            if (!EndsWith(b, k, suffix)) continue;
            return Measure(b, k - suffix.Length) > 0 ? Replace(b, k, suffix.Length, replacement) : k;
        }
        return k;
    }

    private static (string Suffix, string Replacement)[] LongestFirst((string Suffix, string Replacement)[] rules) =>
        [.. rules.OrderByDescending(r => r.Suffix.Length)];

    private static int Step4(char[] b, int k)
    {
        foreach (var suffix in Step4LongestFirst)
        {
            if (!EndsWith(b, k, suffix)) continue;
            var stemEnd = k - suffix.Length;
            if (suffix == "ion" && (stemEnd < 0 || b[stemEnd] is not ('s' or 't'))) return k;
            return Measure(b, stemEnd) > 1 ? stemEnd : k;
        }
        return k;
    }

    private static int Step5(char[] b, int k)
    {
        if (b[k] == 'e')
        {
            var m = Measure(b, k - 1);
            if (m > 1 || (m == 1 && !EndsCvc(b, k - 1))) k--;
        }
        if (b[k] == 'l' && EndsWithDoubleConsonant(b, k) && Measure(b, k) > 1) k--;
        return k;
    }
}
