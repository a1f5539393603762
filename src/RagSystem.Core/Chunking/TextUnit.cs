namespace RagSystem.Chunking;

/// <summary>The smallest piece the chunker packs: a sentence (or a slice of an over-long one),
/// located by its span in the document text and the index of the section it comes from.</summary>
internal readonly record struct TextUnit(int Start, int End, int Tokens, int Section, int Block, bool StartsParagraph);
