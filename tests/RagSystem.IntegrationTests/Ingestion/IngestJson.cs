using System.Text.Json;

namespace RagSystem.IntegrationTests.Ingestion;

/// <summary>The parsed <c>rag ingest --json</c> summary.</summary>
internal sealed record IngestJson(int Added, int Updated, int Unchanged, int Removed, int Failed, int Chunks, JsonElement Raw)
{
    public static IngestJson Parse(string stdout)
    {
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement.Clone();
        return new IngestJson(r.GetProperty("added").GetInt32(), r.GetProperty("updated").GetInt32(), r.GetProperty("unchanged").GetInt32(),
            r.GetProperty("removed").GetInt32(), r.GetProperty("failed").GetArrayLength(), r.GetProperty("chunks").GetInt32(), r);
    }
}
