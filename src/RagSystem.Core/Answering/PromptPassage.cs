using RagSystem.Retrieval;

namespace RagSystem.Answering;

/// <summary>A retrieved chunk as it appears in the prompt: numbered, with its source line.</summary>
/// <param name="Number">Its number in the prompt, cited as <c>[n]</c>.</param>
/// <param name="Chunk">The retrieved chunk.</param>
/// <param name="Text">The passage text given to the model (the chunk text, shortened only when even the best passage
/// alone would not fit the budget).</param>
/// <param name="Rendered">The block inserted in the prompt: number, source line and text.</param>
/// <param name="Tokens">Its length in the generator's tokens.</param>
public sealed record PromptPassage(int Number, RetrievedChunk Chunk, string Text, string Rendered, int Tokens);
