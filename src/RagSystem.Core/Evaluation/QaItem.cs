namespace RagSystem.Evaluation;

/// <summary>One line of a question set (<c>rag eval --qa FILE.jsonl</c>).</summary>
/// <param name="Question">The question asked.</param>
/// <param name="Answer">The expected answer text, when given: the answer should contain it.</param>
/// <param name="ExpectedSource">The document (path relative to the ingested root) that holds the answer, when given.</param>
/// <param name="MustContain">Strings the cited passages must contain (the evidence); when empty, <paramref name="Answer"/> stands in.</param>
/// <param name="Answerable">False for a question the documents do not answer: the answer must be <c>not_found</c>.</param>
public sealed record QaItem(string Question, string? Answer, string? ExpectedSource, IReadOnlyList<string> MustContain, bool Answerable)
{
    /// <summary>The strings the evidence checks look for: <see cref="MustContain"/>, else <see cref="Answer"/>, else none.</summary>
    public IReadOnlyList<string> EvidenceStrings => MustContain.Count > 0 ? MustContain : Answer is { Length: > 0 } a ? [a] : [];
}
