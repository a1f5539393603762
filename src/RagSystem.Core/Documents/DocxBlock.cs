namespace RagSystem.Documents;

/// <summary>One block of DOCX text in document order; <see cref="HeadingLevel"/> is set for headings (0 = title).</summary>
internal readonly record struct DocxBlock(string Text, int? HeadingLevel);
