namespace RagSystem.Evaluation;

/// <summary>One line of a BEIR <c>corpus.jsonl</c>.</summary>
/// <param name="Id">The corpus id (<c>_id</c>).</param>
/// <param name="Title">The title, empty when absent.</param>
/// <param name="Text">The body text.</param>
public sealed record BeirDocument(string Id, string Title, string Text);
