namespace RagSystem.Answering;

/// <summary>Measures how well a passage covers a question, independent of the retriever's rank-based scores:
/// the share of the question's distinct content-word stems that occur in the passage (its text and headings).
/// 1 means every content word of the question appears; 0 means none does.</summary>
/// <remarks>Reciprocal-rank fusion scores only order results; they say nothing about whether the best result is
/// relevant at all. Lexical coverage does, it needs no model, and it is calibrated on SciFact (docs/answering.md).</remarks>
public static class EvidenceScorer
{
    /// <summary>The coverage of <paramref name="questionStems"/> by <paramref name="passageStems"/>, in [0, 1];
    /// 0 when the question has no content words.</summary>
    public static double Coverage(IReadOnlySet<string> questionStems, IReadOnlySet<string> passageStems)
    {
        if (questionStems.Count == 0) return 0;
        var hits = 0;
        foreach (var stem in questionStems)
        {
            if (passageStems.Contains(stem)) hits++;
        }
        return (double)hits / questionStems.Count;
    }

    /// <summary>The coverage of <paramref name="question"/> by the text of one passage (with its heading path).</summary>
    public static double Coverage(string question, string passageText, IReadOnlyList<string>? headingPath = null)
    {
        var passage = headingPath is { Count: > 0 } ? string.Join(' ', headingPath) + "\n" + passageText : passageText;
        return Coverage(ContentWords.StemSet(question), ContentWords.StemSet(passage));
    }
}
