namespace RagSystem.Answering;

/// <summary>One quotable unit of a passage (see <see cref="AnswerSentences"/>).</summary>
/// <param name="Text">What is quoted: a sentence, or a table row <c>label | v1 | v2</c>.</param>
/// <param name="ScoredText">What is matched against the question: the text, and for a table row also its table's
/// header row, which says what the figures are.</param>
public sealed record AnswerUnit(string Text, string ScoredText);
