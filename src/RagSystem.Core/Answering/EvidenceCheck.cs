using RagSystem.Retrieval;

namespace RagSystem.Answering;

/// <summary>The not-found rule. A question is answerable when <b>one</b> of the top <see cref="AnswererOptions.EvidencePassages"/>
/// passages (1) contains at least <see cref="AnswererOptions.MinEvidenceCoverage"/> of the question's content words and
/// (2) contains at least <see cref="AnswererOptions.MinAnchorCoverage"/> of its anchor terms — the names that say what
/// it is about (<see cref="QuestionAnchors"/>). Both must hold in the same passage. Calibrated through the
/// product's own store, chunker and retriever in docs/answering.md.</summary>
public static class EvidenceCheck
{
    /// <summary>The number of anchor-term stems from which <see cref="AnswererOptions.MissingAnchorAllowance"/> applies.</summary>
    public const int ManyAnchors = 3;

    /// <summary>The evidence of each passage of <paramref name="ranked"/>, in rank order.</summary>
    public static IReadOnlyList<PassageEvidence> Measure(string question, IReadOnlyList<RetrievedChunk> ranked, AnswererOptions options)
    {
        var questionStems = ContentWords.StemSet(question);
        var anchors = QuestionAnchors.StemSet(question);
        return ranked.Select(r =>
        {
            var passage = ContentWords.StemSet(string.Join(' ', r.Chunk.HeadingPath) + "\n" + r.Chunk.Text);
            var coverage = EvidenceScorer.Coverage(questionStems, passage);
            var anchorCoverage = anchors.Count == 0 ? 1 : EvidenceScorer.Coverage(anchors, passage);
            var missing = anchors.Count - (int)Math.Round(anchorCoverage * anchors.Count);
            var anchorsHold = anchorCoverage >= options.MinAnchorCoverage
                || (anchors.Count >= ManyAnchors && missing <= options.MissingAnchorAllowance);
            var supports = coverage >= options.MinEvidenceCoverage && anchorsHold;
            return new PassageEvidence(coverage, anchorCoverage, supports);
        }).ToList();
    }

    /// <summary>True when one of the top <see cref="AnswererOptions.EvidencePassages"/> passages supports the question
    /// (or a dense / rerank score there clears its optional threshold). Always true when
    /// <see cref="AnswererOptions.MinEvidenceCoverage"/> is 0 and some passage was retrieved.</summary>
    public static bool IsAnswerable(IReadOnlyList<RetrievedChunk> ranked, IReadOnlyList<PassageEvidence> evidence, AnswererOptions options)
    {
        if (ranked.Count == 0) return false;
        if (options.MinEvidenceCoverage <= 0) return true;
        var top = Math.Max(1, options.EvidencePassages);
        return evidence.Take(top).Any(e => e.Supports)
            || (options.MinDenseScore is { } minDense && ranked.Take(top).Any(r => r.DenseScore >= minDense))
            || (options.MinRerankScore is { } minRerank && ranked.Take(top).Any(r => r.RerankScore >= minRerank));
    }
}
