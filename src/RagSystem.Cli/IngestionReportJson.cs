using System.Text.Json;
using System.Text.Json.Serialization;
using RagSystem.Ingestion;

namespace RagSystem.Cli;

/// <summary>The <c>rag ingest --json</c> shape: {"added","updated","unchanged","removed","failed":[{"path","reason"}],"chunks","seconds"}.</summary>
internal sealed record IngestionReportJson(
    int Added, int Updated, int Unchanged, int Removed, IReadOnlyList<IngestionReportJson.Failure> Failed, int Chunks, double Seconds,
    [property: JsonPropertyName("embedding_model")] string? EmbeddingModel)
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IngestionReportJson From(IngestionReport r) => new(
        r.Added, r.Updated, r.Unchanged, r.Removed,
        [.. r.Failed.Select(f => new Failure(f.Path, f.Reason, f.Kind.ToString().ToLowerInvariant()))],
        r.Chunks, Math.Round(r.Elapsed.TotalSeconds, 3), r.EmbeddingModel);

    internal sealed record Failure(string Path, string Reason, string Kind);
}
