namespace RagSystem.Api.OpenAi;

/// <summary>An OpenAI embeddings response.</summary>
/// <param name="Object">Always <c>list</c>.</param>
/// <param name="Data">One embedding per input, in order.</param>
/// <param name="Model">The encoder's name.</param>
/// <param name="Usage">Tokens read.</param>
public sealed record EmbeddingsResponse(string Object, IReadOnlyList<EmbeddingJson> Data, string Model, EmbeddingUsageJson Usage);

/// <summary>One embedding.</summary>
/// <param name="Object">Always <c>embedding</c>.</param>
/// <param name="Index">The input's position.</param>
/// <param name="Embedding">A float array, or a base64 string of little-endian float32 when asked.</param>
public sealed record EmbeddingJson(string Object, int Index, object Embedding);

/// <summary>Token usage of an embeddings call.</summary>
/// <param name="PromptTokens">Tokens read.</param>
/// <param name="TotalTokens">The same.</param>
public sealed record EmbeddingUsageJson(long PromptTokens, long TotalTokens);
