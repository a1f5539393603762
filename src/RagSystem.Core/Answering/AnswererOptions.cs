namespace RagSystem.Answering;

/// <summary>How the <see cref="Answerer"/> decides, budgets and answers. Every default below is the one used
/// when the option is left unset; the not-found thresholds are calibrated in docs/answering.md.</summary>
public sealed class AnswererOptions
{
    /// <summary>Configuration section name under <c>Rag</c>.</summary>
    public const string SectionName = "Answering";

    /// <summary>Smallest share of the question's content words (stop-words removed, stemmed) that the best of the
    /// top <see cref="EvidencePassages"/> passages must contain; below it the answer is "not found" and the model
    /// is not called. Default 0.35, calibrated on SciFact train queries: 97 % of answerable questions pass, 91 % of
    /// off-topic ones are stopped (docs/answering.md). 0 disables the check.</summary>
    public double MinEvidenceCoverage { get; set; } = 0.35;

    /// <summary>Smallest share of the question's anchor terms (acronyms and names: <see cref="QuestionAnchors"/>) that
    /// the same passage must contain as well. Default 1 (all of them), calibrated in docs/answering.md; 0 disables this
    /// part of the rule. Questions without anchors are judged by <see cref="MinEvidenceCoverage"/> alone.</summary>
    public double MinAnchorCoverage { get; set; } = 1.0;

    /// <summary>How many of the anchor terms of a question with at least <see cref="EvidenceCheck.ManyAnchors"/> of them the
    /// passage may lack and still count as evidence, whatever <see cref="MinAnchorCoverage"/> says: a claim naming several
    /// genes or proteins is about them even when the text spells one of them another way. Questions with fewer anchors
    /// (<c>NVIDIA</c>; <c>Airbus</c> and <c>Hudson</c>) still need them all. Default 0 (every anchor): 1 keeps more
    /// answerable SciFact claims but lets an unanswerable report question through (docs/answering.md).</summary>
    public int MissingAnchorAllowance { get; set; }

    /// <summary>How many of the top passages the evidence check looks at. Default 5.</summary>
    public int EvidencePassages { get; set; } = 5;

    /// <summary>When set, a dense cosine at or above this value among the top passages also counts as evidence
    /// (it rescues paraphrased questions that share few words with the text). Default null (off): the value depends
    /// on the embedding model and must be calibrated for it.</summary>
    public double? MinDenseScore { get; set; }

    /// <summary>When set, a reranker score at or above this value among the top passages also counts as evidence.
    /// Default null (off): the scale depends on the reranker model.</summary>
    public double? MinRerankScore { get; set; }

    /// <summary>The generator's context window in tokens (prompt plus answer). Default null: taken from the chat
    /// client's <see cref="ChatModelLimits"/>, else 4096.</summary>
    public int? ContextWindowTokens { get; set; }

    /// <summary>Tokens reserved for the answer and passed to the model as its output cap. Default 512.</summary>
    public int MaxAnswerTokens { get; set; } = 512;

    /// <summary>Tokens reserved for the chat template's role markers and separators. Default 32.</summary>
    public int ChatTemplateOverheadTokens { get; set; } = 32;

    /// <summary>Sampling temperature passed to the model; null leaves the client's default. Default 0.1 (near-greedy:
    /// an answer grounded in passages should not be creative).</summary>
    public float? Temperature { get; set; } = 0.1f;

    /// <summary>Top passages the extractive answer picks its sentences from. Default 8 (the default number retrieved):
    /// the sentence that answers often sits in passage 4–6.</summary>
    public int ExtractivePassages { get; set; } = 8;

    /// <summary>Most sentences in an extractive answer. Default 4.</summary>
    public int ExtractiveMaxSentences { get; set; } = 4;

    /// <summary>The answer given when the documents do not cover the question.</summary>
    public string NotFoundText { get; set; } = "Not found in the documents.";
}
