namespace RagSystem.Chunking;

/// <summary>How documents are cut into chunks.</summary>
public sealed class ChunkingOptions
{
    /// <summary>Token budget per chunk, measured with the embedding model's tokenizer
    /// (or in words when there is no model). Default 256.</summary>
    public int MaxTokens { get; set; } = 256;

    /// <summary>Tokens repeated from the end of one chunk at the start of the next, so a sentence
    /// cut by the budget keeps its context. Default 32.</summary>
    public int OverlapTokens { get; set; } = 32;
}
