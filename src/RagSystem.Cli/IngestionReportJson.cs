using System.Text.Json;
using System.Text.Json.Serialization;
using RagSystem.Ingestion;

namespace RagSystem.Cli;

/// <summary>The <c>rag ingest --json</c> shape: {"added","updated","unchanged","removed","failed":[{"path","reason","kind"}],
/// "unchanged_failed":[{"path","reason","kind"}],"chunks","seconds","embedding_model"}. <c>unchanged_failed</c> lists files whose
/// bytes failed in an earlier run and were not read again.</summary>
internal sealed record IngestionReportJson(
    int Added, int Updated, int Unchanged, int Removed, IReadOnlyList<IngestionReportJson.Failure> Failed,
    [property: JsonPropertyName("unchanged_failed")] IReadOnlyList<IngestionReportJson.Failure> UnchangedFailed, int Chunks, double Seconds,
    [property: JsonPropertyName("embedding_model")] string? EmbeddingModel)
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IngestionReportJson From(IngestionReport r) => new(
        r.Added, r.Updated, r.Unchanged, r.Removed,
        [.. r.Failed.Select(ToJson)], [.. r.UnchangedFailed.Select(ToJson)],
        r.Chunks, Math.Round(r.Elapsed.TotalSeconds, 3), r.EmbeddingModel);

    private static Failure ToJson(IngestionFailure f) => new(f.Path, f.Reason, f.Kind.ToString().ToLowerInvariant());

    internal sealed record Failure(string Path, string Reason, string Kind);
}
