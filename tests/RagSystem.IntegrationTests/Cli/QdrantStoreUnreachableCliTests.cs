using System.Diagnostics;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Cli;

/// <summary><c>RAG__Store__Kind=qdrant</c> with no Qdrant listening: the real CLI prints one error line (no stack trace) and
/// exits 1 within the configured timeout. The port is a real, closed one; no fake server.</summary>
public sealed class QdrantStoreUnreachableCliTests
{
    private static readonly Dictionary<string, string> Unreachable = new()
    {
        ["RAG__Store__Kind"] = "qdrant",
        ["RAG__Store__Qdrant__Url"] = "http://127.0.0.1:9",
        ["RAG__Store__Qdrant__Timeout"] = "00:00:03",
    };

    [Theory]
    [InlineData("ingest")]
    [InlineData("ask")]
    public async Task Rag_with_an_unreachable_Qdrant_store_says_so_in_one_line_and_exits_1(string command)
    {
        using var data = new TempDirectory();
        string[] args = command == "ingest"
            ? ["ingest", RepositoryRoot.Corpus, "--data", data.Path]
            : ["ask", "what is attention?", "--data", data.Path];
        var clock = Stopwatch.StartNew();

        var run = await RagProcess.RunAsync(args, TimeSpan.FromMinutes(1), Unreachable);

        Assert.Equal(1, run.ExitCode);
        var errors = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(errors);
        Assert.StartsWith("error: Qdrant at http://127.0.0.1:9 did not answer", line);
        Assert.Contains("Store:Qdrant:Url", line);
        Assert.DoesNotContain("   at ", run.StandardError);
        Assert.DoesNotContain("looks like a bug", run.StandardError);
        // The 3 s budget plus process start-up (dotnet, model probing) on a shared machine.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }
}
