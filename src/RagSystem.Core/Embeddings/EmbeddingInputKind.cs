namespace RagSystem.Embeddings;

/// <summary>Tells an embedding generator whether it embeds a query or a passage, so models trained with
/// prefixes (bge, e5) get the right one. Passed in
/// <see cref="Microsoft.Extensions.AI.EmbeddingGenerationOptions.AdditionalProperties"/> under <see cref="PropertyName"/>.</summary>
public static class EmbeddingInputKind
{
    /// <summary>The key in <c>AdditionalProperties</c>.</summary>
    public const string PropertyName = "rag.input_kind";

    /// <summary>The input is a search query.</summary>
    public const string Query = "query";

    /// <summary>The input is a passage to be stored (the default).</summary>
    public const string Passage = "passage";
}
