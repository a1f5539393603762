using System.Text.Json;
using System.Text.RegularExpressions;
using RagSystem.Storage;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Retrieval;

public sealed class RetrievalCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_prints_json_with_source_page_and_score_and_says_it_is_lexical_only()
    {
        using var dir = new TempDirectory();
        var data = Path.Combine(dir.Path, "data");
        using (var store = await SqliteChunkStore.OpenAsync(Path.Combine(data, "rag.db"), cancellationToken: Ct))
        {
            var doc = new DocumentRecord(DocumentIds.ForPath("papers/attention.pdf"), "papers/attention.pdf", "h", 10, "pdf", 2, null, DateTimeOffset.UtcNow);
            await store.UpsertDocumentAsync(doc,
            [
                new ChunkRecord(DocumentIds.ChunkId(doc.Id, "h", 0), doc.Id, 0, "Scaled dot-product attention divides by the square root of the key dimension.", 12, 4, 4, ["Model", "Attention"], 0, 80, null, null),
                new ChunkRecord(DocumentIds.ChunkId(doc.Id, "h", 1), doc.Id, 1, "Positional encodings use sines and cosines.", 7, null, null, [], 80, 40, null, null),
            ], Ct);
        }

        var (exit, stdout, stderr) = Unpack(await RagProcess.RunAsync(["search", "what's \"attention\"? (dot-product)", "--json", "--data", data]));

        Assert.True(exit == 0, stderr);
        // Spectre wraps stderr at the console width, so compare with whitespace collapsed.
        Assert.Contains("lexical search only", Regex.Replace(stderr, @"\s+", " "));
        var results = JsonDocument.Parse(stdout).RootElement;
        var first = results[0];
        Assert.Equal("papers/attention.pdf", first.GetProperty("source").GetString());
        Assert.Equal(4, first.GetProperty("page").GetInt32());
        Assert.StartsWith("Scaled dot-product", first.GetProperty("text").GetString());
        Assert.True(first.GetProperty("score").GetDouble() > 0);
        Assert.True(first.GetProperty("lexical_score").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("dense_score").ValueKind);
    }

    [Fact]
    public async Task Search_without_an_index_fails_with_a_hint()
    {
        using var dir = new TempDirectory();

        var (exit, _, stderr) = Unpack(await RagProcess.RunAsync(["search", "anything", "--data", Path.Combine(dir.Path, "empty")]));

        Assert.Equal(1, exit);
        Assert.Contains("no index in", Regex.Replace(stderr, @"\s+", " "));
        Assert.Contains("rag ingest", Regex.Replace(stderr, @"\s+", " "));
    }

    [Fact]
    public async Task Eval_json_has_exactly_the_documented_fields()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("beir/corpus.jsonl",
            """
            {"_id": "d1", "title": "Llamas", "text": "Llamas are domesticated South American camelids."}
            {"_id": "d2", "title": "Transformers", "text": "Attention layers mix information across tokens."}
            {"_id": "d3", "title": "", "text": "Porter stemming maps running to run."}
            """);
        dir.WriteFile("beir/queries.jsonl",
            """
            {"_id": "q1", "text": "what are llamas?"}
            {"_id": "q2", "text": "attention across tokens"}
            {"_id": "q3", "text": "not judged"}
            """);
        dir.WriteFile("beir/qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n");

        var (exit, stdout, stderr) = Unpack(await RagProcess.RunAsync(["eval", "--beir", Path.Combine(dir.Path, "beir"), "--json"]));

        Assert.True(exit == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(["ndcg_at_10", "recall_at_10", "recall_at_100", "mrr_at_10", "queries", "mode", "seconds", "ingest_seconds", "query_ms_p50", "query_ms_p95"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1.0, json.GetProperty("ndcg_at_10").GetDouble());
        Assert.Equal(2, json.GetProperty("queries").GetInt32());
        Assert.Equal("lexical", json.GetProperty("mode").GetString());
    }

    private static (int ExitCode, string Stdout, string Stderr) Unpack(RagRun run) => (run.ExitCode, run.StandardOutput, run.StandardError);
}
