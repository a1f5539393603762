using RagSystem.Retrieval;

namespace RagSystem.Answering;

/// <summary>Per-question settings for <see cref="Answerer.AskAsync"/>. Immutable, like <see cref="RetrievalOptions"/>.</summary>
public sealed record AskOptions
{
    /// <summary>Retrieval settings (top-k, filters, fusion weights, reranking). Default: <see cref="RetrievalOptions"/> defaults.</summary>
    public RetrievalOptions Retrieval { get; init; } = new();

    /// <summary>Overrides <see cref="AnswererOptions.MaxAnswerTokens"/> for this question. Default null.</summary>
    public int? MaxAnswerTokens { get; init; }
}
