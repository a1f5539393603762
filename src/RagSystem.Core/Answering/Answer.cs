namespace RagSystem.Answering;

/// <summary>The answer to one question, with its sources and the evidence behind them.</summary>
public sealed record Answer
{
    /// <summary>The question that was answered (after follow-up rewriting, when the caller did that).</summary>
    public required string Question { get; init; }

    /// <summary>The answer text. Generative answers cite passages as <c>[n]</c>.</summary>
    public required string Text { get; init; }

    /// <summary>How the answer was produced.</summary>
    public required AnswerMode Mode { get; init; }

    /// <summary>The passages the answer cites, by number. When a generated answer cites none, all passages
    /// given to the model are listed and <see cref="CitationsFromText"/> is false.</summary>
    public required IReadOnlyList<Citation> Citations { get; init; }

    /// <summary>True when <see cref="Citations"/> are the ones the text references with <c>[n]</c>.</summary>
    public bool CitationsFromText { get; init; }

    /// <summary>Every retrieved passage with its scores, best first.</summary>
    public required IReadOnlyList<RetrievalScore> Retrieval { get; init; }

    /// <summary>The relevance evidence the not-found decision used: the best lexical coverage among the top passages.</summary>
    public double Evidence { get; init; }

    /// <summary>Where the time went.</summary>
    public required AnswerTimings Timings { get; init; }

    /// <summary>Tokens the generator produced for this answer, as its usage report gives them (streamed or not); null for
    /// extractive and not-found answers, or when the generator reports no usage.</summary>
    public long? GeneratedTokens { get; init; }
}
