using System.Text;

namespace RagSystem.Answering;

/// <summary>Builds an answer without a generator: the sentences (and table rows) of all top passages that best answer
/// the question, each followed by its passage's <c>[n]</c>. Sentences are scored by <see cref="SentenceScorer"/>
/// (content words, their proximity, passage rank); headings and fragments are never quoted (<see cref="AnswerSentences"/>).</summary>
public static class ExtractiveAnswerBuilder
{
    /// <summary>The label that starts every extractive answer.</summary>
    public const string Label = "Extractive answer (no generator model installed):";

    /// <summary>The hint that ends every extractive answer.</summary>
    public const string Hint = "Run `rag models pull qwen2.5-0.5b-instruct` for generated answers.";

    /// <summary>Past the first two, sentences are kept only when they score at least this share of the best one. The
    /// second is always kept: the sentence naming what the question is about often outscores the one holding the fact.</summary>
    public const double KeepShareOfBest = 0.6;

    private const int MaxSentenceChars = 600;

    /// <summary>Picks up to <paramref name="maxSentences"/> sentences (at least two when two share a content word with the
    /// question), best first, from every passage given.</summary>
    public static ExtractiveAnswer Build(string question, IReadOnlyList<PromptPassage> passages, int maxSentences)
    {
        var questionStems = ContentWords.StemSet(question);
        var scored = new List<(string Sentence, int Number, double Score, int Order)>();
        foreach (var passage in passages)
        {
            foreach (var unit in AnswerSentences.Split(passage.Text, passage.Chunk.Chunk.HeadingPath))
            {
                var score = SentenceScorer.Score(questionStems, unit.ScoredText, passage.Number);
                if (score > 0) scored.Add((Shorten(unit.Text), passage.Number, score, scored.Count));
            }
        }

        var ranked = scored.OrderByDescending(s => s.Score).ThenBy(s => s.Order).ToList();
        var chosen = new List<(string Sentence, int Number, double Score, int Order)>();
        foreach (var candidate in ranked)
        {
            if (chosen.Count >= maxSentences) break;
            if (chosen.Count >= 2 && candidate.Score < KeepShareOfBest * ranked[0].Score) break;
            if (chosen.Any(c => c.Sentence == candidate.Sentence)) continue;
            chosen.Add(candidate);
        }

        var text = new StringBuilder(Label).Append('\n');
        foreach (var (sentence, number, _, _) in chosen) text.Append("- ").Append(sentence).Append(" [").Append(number).Append("]\n");
        if (chosen.Count == 0) text.Append("(no sentence of the top passages shares a content word with the question)\n");
        text.Append('\n').Append(Hint);
        var quotes = chosen.GroupBy(c => c.Number)
            .ToDictionary(g => g.Key, g => string.Join(" … ", g.OrderBy(c => c.Order).Select(c => c.Sentence)));
        return new ExtractiveAnswer(text.ToString(), quotes.Keys.Order().ToList(), quotes);
    }

    private static string Shorten(string sentence) =>
        sentence.Length <= MaxSentenceChars ? sentence : sentence[..sentence.LastIndexOf(' ', MaxSentenceChars)] + " …";
}
