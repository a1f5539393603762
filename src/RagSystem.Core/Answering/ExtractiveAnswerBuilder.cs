using System.Text;

namespace RagSystem.Answering;

/// <summary>Builds an answer without a generator: the sentences of the top passages that share the most content words
/// with the question, each followed by its passage's <c>[n]</c>.</summary>
public static class ExtractiveAnswerBuilder
{
    /// <summary>The label that starts every extractive answer.</summary>
    public const string Label = "Extractive answer (no generator model installed):";

    /// <summary>The hint that ends every extractive answer.</summary>
    public const string Hint = "Run `rag models pull qwen2.5-0.5b-instruct` for generated answers.";

    private const int MinWords = 4;
    private const int MaxSentenceChars = 600;

    /// <summary>Picks up to <paramref name="maxSentences"/> sentences (at least two when two share a content word with
    /// the question) and returns the labelled text and the passage numbers it cites.</summary>
    public static (string Text, IReadOnlyList<int> Cited) Build(string question, IReadOnlyList<PromptPassage> passages, int maxSentences)
    {
        var questionStems = ContentWords.StemSet(question);
        var scored = new List<(string Sentence, int Number, double Score, int Order)>();
        foreach (var passage in passages)
        {
            foreach (var sentence in Chunking.SentenceSplitter.Split(passage.Text))
            {
                if (sentence.Split(' ').Length < MinWords) continue;
                var coverage = EvidenceScorer.Coverage(questionStems, ContentWords.StemSet(sentence));
                if (coverage <= 0) continue;
                // Earlier passages ranked higher: a small tie-breaker, never enough to beat one more matched word.
                var score = coverage - 0.001 * passage.Number;
                scored.Add((Shorten(sentence), passage.Number, score, scored.Count));
            }
        }

        var ranked = scored.OrderByDescending(s => s.Score).ThenBy(s => s.Order).ToList();
        var chosen = new List<(string Sentence, int Number, double Score, int Order)>();
        foreach (var candidate in ranked)
        {
            if (chosen.Count >= maxSentences) break;
            // Past the first two, keep only sentences about as good as the best one.
            if (chosen.Count >= 2 && candidate.Score < 0.5 * ranked[0].Score) break;
            if (chosen.Any(c => c.Sentence == candidate.Sentence)) continue;
            chosen.Add(candidate);
        }

        var text = new StringBuilder(Label).Append('\n');
        foreach (var (sentence, number, _, _) in chosen) text.Append("- ").Append(sentence).Append(" [").Append(number).Append("]\n");
        if (chosen.Count == 0) text.Append("(no sentence of the top passages shares a content word with the question)\n");
        text.Append('\n').Append(Hint);
        return (text.ToString(), chosen.Select(c => c.Number).Distinct().ToList());
    }

    private static string Shorten(string sentence) =>
        sentence.Length <= MaxSentenceChars ? sentence : sentence[..sentence.LastIndexOf(' ', MaxSentenceChars)] + " …";
}
