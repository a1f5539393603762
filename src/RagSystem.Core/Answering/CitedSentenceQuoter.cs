namespace RagSystem.Answering;

/// <summary>Finds, for each passage a generated answer cites, the passage sentence that answer rests on: the one sharing
/// the most content words with the answer's sentences that cite it.</summary>
public static class CitedSentenceQuoter
{
    /// <summary>The quoted sentence of passage <paramref name="number"/> (text <paramref name="passageText"/>) for
    /// <paramref name="answerText"/>; null when no sentence of the passage shares a content word with the citing sentences.</summary>
    public static string? Quote(string answerText, int number, string passageText, IReadOnlyList<string>? headingPath = null)
    {
        var marker = $"[{number}]";
        var citing = Chunking.SentenceSplitter.Split(answerText)
            .Where(s => CitationExtractor.CitedNumbers(s, int.MaxValue).Contains(number) || s.Contains(marker, StringComparison.Ordinal))
            .ToList();
        var basis = citing.Count > 0 ? string.Join(' ', citing) : answerText;
        var stems = ContentWords.StemSet(basis);
        string? best = null;
        var bestScore = 0.0;
        foreach (var unit in AnswerSentences.Split(passageText, headingPath))
        {
            var score = SentenceScorer.Score(stems, unit.ScoredText, rank: 1);
            if (score > bestScore) (best, bestScore) = (unit.Text, score);
        }
        return best;
    }
}
