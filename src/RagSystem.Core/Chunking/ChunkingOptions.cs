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

    /// <summary>These options, with the budget lowered to fit an encoder that reads at most <paramref name="modelMaxTokens"/>
    /// tokens (null: no model, no limit). A chunk must fit the encoder whole, or its tail is silently cut at embedding time;
    /// the limit keeps room for [CLS]/[SEP] and the heading path put in front of the text.</summary>
    public ChunkingOptions FitTo(int? modelMaxTokens)
    {
        const int reserved = 24;
        if (modelMaxTokens is not { } limit || MaxTokens <= limit - reserved) return this;
        var max = Math.Max(16, limit - reserved);
        return new ChunkingOptions { MaxTokens = max, OverlapTokens = Math.Min(OverlapTokens, max / 4) };
    }
}
