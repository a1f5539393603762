namespace RagSystem.SemanticKernel;

/// <summary>One passage returned by the <c>search_documents</c> kernel function.</summary>
/// <param name="N">Rank, from 1; an agent can cite it as [n].</param>
/// <param name="Source">The document's path relative to the ingested root.</param>
/// <param name="Page">First page, or null for unpaginated formats.</param>
/// <param name="PageEnd">Last page, or null.</param>
/// <param name="Heading">Enclosing headings joined with " &gt; ", or null.</param>
/// <param name="Text">The passage text.</param>
/// <param name="Score">Its retrieval score (higher is better).</param>
public sealed record DocumentSearchHit(int N, string Source, int? Page, int? PageEnd, string? Heading, string Text, double Score);
