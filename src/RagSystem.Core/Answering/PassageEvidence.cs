namespace RagSystem.Answering;

/// <summary>How well one retrieved passage supports a question (see <see cref="EvidenceCheck"/>).</summary>
/// <param name="Coverage">Share of the question's content words found in the passage (text and headings).</param>
/// <param name="AnchorCoverage">Share of the question's anchor terms (<see cref="QuestionAnchors"/>) found in it; 1 when
/// the question has none.</param>
/// <param name="Supports">True when both clear their thresholds.</param>
public sealed record PassageEvidence(double Coverage, double AnchorCoverage, bool Supports);
