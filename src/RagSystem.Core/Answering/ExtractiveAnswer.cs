namespace RagSystem.Answering;

/// <summary>The result of <see cref="ExtractiveAnswerBuilder.Build"/>.</summary>
/// <param name="Text">The labelled answer: one quoted sentence per line, each followed by its passage's <c>[n]</c>.</param>
/// <param name="Cited">The passage numbers the text cites, ascending.</param>
/// <param name="Quotes">For each cited passage number, the sentence(s) quoted from it, joined with " … ".</param>
public sealed record ExtractiveAnswer(string Text, IReadOnlyList<int> Cited, IReadOnlyDictionary<int, string> Quotes);
