namespace RagSystem.Samples.CorpusBuilder;

/// <summary>One block of a source document: a heading, paragraph, bullet, table or page break.</summary>
/// <param name="Kind">What the block is.</param>
/// <param name="Text">The text (empty for tables and page breaks).</param>
/// <param name="Rows">Table cells, row by row (empty for other kinds).</param>
internal sealed record SourceBlock(SourceBlockKind Kind, string Text, IReadOnlyList<IReadOnlyList<string>> Rows);
