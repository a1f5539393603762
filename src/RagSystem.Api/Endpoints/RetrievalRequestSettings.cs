using Microsoft.Extensions.Options;
using RagSystem.Api.Contracts;
using RagSystem.Retrieval;

namespace RagSystem.Api.Endpoints;

/// <summary>Turns a request's <c>top_k</c> and filters into its own <see cref="RetrievalOptions"/>, derived with <c>with</c>
/// from the configured defaults so that concurrent requests never share settings. Out-of-range values are 400s.</summary>
public sealed class RetrievalRequestSettings(RagOptions rag, IOptions<ApiOptions> api)
{
    /// <summary>The settings for one request.</summary>
    /// <exception cref="RagException">An invalid top_k (<see cref="RagErrorKind.InvalidInput"/>).</exception>
    public RetrievalOptions For(int? topK, FiltersJson? filters)
    {
        var max = api.Value.MaxTopK;
        if (topK is { } k && (k < 1 || k > max))
            throw new RagException(RagErrorKind.InvalidInput, $"top_k is {k}; it must be between 1 and {max} (Rag:Api:MaxTopK).");
        return rag.Retrieval with { Top = topK ?? Math.Min(rag.Retrieval.Top, max), Filter = filters?.ToFilter() };
    }

    /// <summary>Fails with 400 when <paramref name="text"/> is empty.</summary>
    public static string Required(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? throw new RagException(RagErrorKind.InvalidInput, $"'{field}' is empty; send the text to look for.") : text;
}
