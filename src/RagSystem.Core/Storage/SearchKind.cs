namespace RagSystem.Storage;

/// <summary>The sides a <see cref="SearchRequest"/> uses.</summary>
public enum SearchKind
{
    /// <summary>Query text only.</summary>
    Lexical,

    /// <summary>Query vector only.</summary>
    Dense,

    /// <summary>Both, fused by the store.</summary>
    Hybrid,
}
