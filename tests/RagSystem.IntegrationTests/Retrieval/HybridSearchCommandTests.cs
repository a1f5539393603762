using System.Text.Json;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Retrieval;

/// <summary>With an embedding model installed (the forge MiniLM-L6-shaped encoder), ingestion stores vectors and
/// <c>rag search</c> fuses lexical and dense candidates, through the real CLI.</summary>
public sealed class HybridSearchCommandTests
{
    [Fact]
    public async Task Ingest_and_search_run_the_hybrid_path_with_a_real_architecture_encoder()
    {
        var (encoder, skip) = await ForgeModels.EnsureAsync("minilm-l6", cancellationToken: TestContext.Current.CancellationToken);
        if (encoder is null) Assert.Skip(skip!);
        using var models = new TempDirectory();
        Directory.CreateSymbolicLink(Path.Combine(models.Path, "embedding"), encoder);
        using var data = new TempDirectory();
        var env = new Dictionary<string, string> { ["RAG_MODELS_DIR"] = models.Path };

        var ingest = await RagProcess.RunAsync(["ingest", RepositoryRoot.Corpus, "--data", data.Path, "--json"], TimeSpan.FromMinutes(8), env);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        var report = JsonDocument.Parse(ingest.StandardOutput).RootElement;
        Assert.StartsWith("forge/minilm-l6", report.GetProperty("embedding_model").GetString());

        var search = await RagProcess.RunAsync(["search", "how does the KV cache speed up decoding", "--data", data.Path, "--top", "5", "--json"], environment: env);
        Assert.True(search.ExitCode == 0, search.ToString());
        var results = JsonDocument.Parse(search.StandardOutput).RootElement.EnumerateArray().ToList();
        Assert.Equal(5, results.Count);
        // Random weights rank arbitrarily, but every result carries its dense cosine, and lexical hits are fused in.
        Assert.All(results, r => Assert.InRange(r.GetProperty("dense_score").GetDouble(), -1.0001, 1.0001));
        Assert.Contains(results, r => r.GetProperty("lexical_score").ValueKind == JsonValueKind.Number);
        Assert.DoesNotContain("lexical search only", search.StandardError);

        // A second ingest with the same model writes nothing; vectors are keyed to the model that made them.
        var again = await RagProcess.RunAsync(["ingest", RepositoryRoot.Corpus, "--data", data.Path, "--json"], TimeSpan.FromMinutes(8), env);
        Assert.Equal(0, JsonDocument.Parse(again.StandardOutput).RootElement.GetProperty("chunks").GetInt32());
    }
}
