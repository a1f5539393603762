namespace RagSystem.Embeddings;

/// <summary>How token vectors become one sentence vector.</summary>
public enum EmbeddingPooling
{
    /// <summary>Average of the non-padding token vectors (sentence-transformers' MiniLM, e5).</summary>
    Mean,

    /// <summary>The first ([CLS]) token's vector (bge).</summary>
    Cls,
}
