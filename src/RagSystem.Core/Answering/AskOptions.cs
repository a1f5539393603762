using RagSystem.Retrieval;

namespace RagSystem.Answering;

/// <summary>Per-question settings for <see cref="Answerer.AskAsync"/>.</summary>
public sealed class AskOptions
{
    /// <summary>Retrieval settings (top-k, filters, fusion weights, reranking). Default: <see cref="RetrievalOptions"/> defaults.</summary>
    public RetrievalOptions Retrieval { get; set; } = new();

    /// <summary>Overrides <see cref="AnswererOptions.MaxAnswerTokens"/> for this question. Default null.</summary>
    public int? MaxAnswerTokens { get; set; }
}
