namespace RagSystem.Answering;

/// <summary>Scores a candidate answer sentence against a question: the share of the question's content words it
/// contains, a bonus when those words stand close together, and a gentle discount for lower-ranked passages.</summary>
public static class SentenceScorer
{
    /// <summary>Weight of the proximity bonus relative to coverage. With all matched words adjacent the bonus adds a
    /// quarter of the coverage: enough to order sentences that match equally many words, never enough to beat a
    /// sentence that matches one more word of a short question.</summary>
    public const double ProximityWeight = 0.25;

    /// <summary>Score lost per rank below the first passage (rank 5 keeps 84 %, rank 8 keeps 72 %): the retriever's
    /// order is a hint, but the sentence that answers often sits in passage 4–6.</summary>
    public const double RankDiscount = 0.04;

    /// <summary>The score of <paramref name="sentence"/> from passage number <paramref name="rank"/> (1 = best);
    /// 0 when it shares no content word with the question.</summary>
    public static double Score(IReadOnlySet<string> questionStems, string sentence, int rank)
    {
        if (questionStems.Count == 0) return 0;
        var stems = ContentWords.Stems(sentence);
        var matched = new HashSet<string>(stems.Where(questionStems.Contains), StringComparer.Ordinal);
        if (matched.Count == 0) return 0;
        var coverage = (double)matched.Count / questionStems.Count;
        var proximity = matched.Count < 2 ? 0 : matched.Count / (double)SmallestWindow(stems, matched);
        var rankFactor = Math.Max(0.5, 1 - RankDiscount * (rank - 1));
        return coverage * (1 + ProximityWeight * proximity) * rankFactor;
    }

    /// <summary>Length (in content words) of the shortest run of <paramref name="stems"/> holding every one of
    /// <paramref name="wanted"/>.</summary>
    public static int SmallestWindow(IReadOnlyList<string> stems, IReadOnlySet<string> wanted)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var best = int.MaxValue;
        var left = 0;
        for (var right = 0; right < stems.Count; right++)
        {
            if (!wanted.Contains(stems[right])) continue;
            counts[stems[right]] = counts.GetValueOrDefault(stems[right]) + 1;
            while (counts.Count == wanted.Count)
            {
                best = Math.Min(best, right - left + 1);
                if (wanted.Contains(stems[left]) && --counts[stems[left]] == 0) counts.Remove(stems[left]);
                left++;
            }
        }
        return best == int.MaxValue ? Math.Max(1, stems.Count) : best;
    }
}
