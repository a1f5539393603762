namespace RagSystem.Answering;

/// <summary>Turns a retrieval outcome and a generated (or extracted) text into an <see cref="Answer"/>.</summary>
internal static class AnswerAssembler
{
    public static Answer NotFound(RetrievalOutcome outcome, string text) => new()
    {
        Question = outcome.Question,
        Text = text,
        Mode = AnswerMode.NotFound,
        Citations = [],
        Retrieval = Scores(outcome, []),
        Evidence = outcome.Evidence,
        Timings = Timings(outcome, generationMs: 0, firstTokenMs: null),
    };

    public static Answer Extractive(RetrievalOutcome outcome, IReadOnlyList<PromptPassage> passages, ExtractiveAnswer extracted,
        double generationMs) => new()
    {
        Question = outcome.Question,
        Text = extracted.Text,
        Mode = AnswerMode.Extractive,
        Citations = Citations(passages, extracted.Cited, n => extracted.Quotes.GetValueOrDefault(n)),
        CitationsFromText = true,
        Retrieval = Scores(outcome, passages),
        Evidence = outcome.Evidence,
        Timings = Timings(outcome, generationMs, firstTokenMs: null),
    };

    public static Answer Generative(RetrievalOutcome outcome, AnswerPrompt prompt, string text, double generationMs,
        double? firstTokenMs)
    {
        var cited = CitationExtractor.CitedNumbers(text, prompt.Passages.Count);
        var fromText = cited.Count > 0;
        // A model that cites nothing still answered from these passages: list them all rather than none.
        if (!fromText) cited = prompt.Passages.Select(p => p.Number).ToList();
        var passages = prompt.Passages;
        return new Answer
        {
            Question = outcome.Question,
            Text = text.Trim(),
            Mode = AnswerMode.Generative,
            Citations = Citations(passages, cited, n => CitedSentenceQuoter.Quote(text, n, passages[n - 1].Text,
                passages[n - 1].Chunk.Chunk.HeadingPath)),
            CitationsFromText = fromText,
            Retrieval = Scores(outcome, prompt.Passages),
            Evidence = outcome.Evidence,
            Timings = Timings(outcome, generationMs, firstTokenMs),
        };
    }

    /// <summary>Every passage of a prompt as a citation, in prompt order: what a streamed answer may cite.</summary>
    public static List<Citation> Sources(IReadOnlyList<PromptPassage> passages) => Citations(passages, passages.Select(p => p.Number), _ => null);

    // Sources are listed in number order, whatever order the text cites them in.
    private static List<Citation> Citations(IReadOnlyList<PromptPassage> passages, IEnumerable<int> numbers, Func<int, string?> quote) =>
        numbers.Order().Select(n => passages[n - 1]).Select(p => new Citation(
            p.Number, p.Chunk.Chunk.Id, p.Chunk.DocumentPath, p.Chunk.Chunk.PageStart, p.Chunk.Chunk.PageEnd,
            p.Chunk.Chunk.HeadingPath, p.Text, p.Chunk.Score)
        {
            Quote = quote(p.Number),
            PageLabel = p.Chunk.Chunk.PageLabel,
            OcrConfidence = p.Chunk.Chunk.OcrConfidence,
            DocumentId = p.Chunk.Chunk.DocumentId,
        }).ToList();

    private static List<RetrievalScore> Scores(RetrievalOutcome outcome, IReadOnlyList<PromptPassage> passages)
    {
        var numbers = passages.ToDictionary(p => p.Chunk.Chunk.Id, p => p.Number);
        return outcome.Ranked.Select((r, i) => new RetrievalScore(
            numbers.TryGetValue(r.Chunk.Id, out var n) ? n : null, r.Chunk.Id, r.DocumentPath, r.Score,
            r.LexicalScore, r.DenseScore, r.RerankScore, outcome.Coverage[i])).ToList();
    }

    private static AnswerTimings Timings(RetrievalOutcome outcome, double generationMs, double? firstTokenMs) =>
        new(outcome.RetrievalMs, outcome.RerankMs, generationMs, outcome.Clock.Elapsed.TotalMilliseconds, firstTokenMs);
}
