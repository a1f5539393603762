namespace RagSystem.Testing;

/// <summary>A request <see cref="LoopbackHttpServer"/> received.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">The request path (no query string).</param>
/// <param name="Range">The Range header, or null.</param>
/// <param name="Authorization">The Authorization header, or null.</param>
/// <param name="StatusCode">The status code answered.</param>
public sealed record LoopbackRequest(string Method, string Path, string? Range, string? Authorization, int StatusCode)
{
    /// <summary>The If-Range header, or null.</summary>
    public string? IfRange { get; init; }
}
