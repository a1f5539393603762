namespace RagSystem.Models;

/// <summary>What a model does in the pipeline. Each role has its own folder under the models root.</summary>
public enum ModelRole
{
    /// <summary>Turns text into vectors; installed into <c>&lt;models&gt;/embedding</c>.</summary>
    Embedding,

    /// <summary>Writes answers; installed into <c>&lt;models&gt;/generator</c>.</summary>
    Generator,

    /// <summary>Scores (query, passage) pairs; installed into <c>&lt;models&gt;/reranker</c>.</summary>
    Reranker,

    /// <summary>Reads text from scans and images (detection, recognition, character list); installed into <c>&lt;models&gt;/ocr</c>.</summary>
    Ocr,
}
