namespace RagSystem.Chunking;

/// <summary>The smallest piece the chunker packs: a sentence (or a slice of an over-long one),
/// located by its span in the document text.</summary>
internal readonly record struct TextUnit(int Start, int End, int Tokens, int? Page, int Block, bool StartsParagraph);
