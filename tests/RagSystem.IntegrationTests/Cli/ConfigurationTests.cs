using System.Text.Json;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Cli;

/// <summary>Settings from RAG__* environment variables reach the run, and bad ones fail with one line naming the key.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task An_environment_variable_changes_the_chunk_budget()
    {
        using var data1 = new TempDirectory();
        using var data2 = new TempDirectory();
        var normal = await RagProcess.RunAsync(["ingest", RepositoryRoot.Corpus, "--data", data1.Path, "--json"]);
        var small = await RagProcess.RunAsync(["ingest", RepositoryRoot.Corpus, "--data", data2.Path, "--json"],
            environment: new Dictionary<string, string> { ["RAG__Chunking__MaxTokens"] = "40", ["RAG__Chunking__OverlapTokens"] = "5" });
        int Chunks(RagRun run) => JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("chunks").GetInt32();
        Assert.True(Chunks(small) > 2 * Chunks(normal), $"{Chunks(small)} vs {Chunks(normal)}");
    }

    [Theory]
    [InlineData("RAG__Chunking__MaxTokens", "abc", "Chunking:MaxTokens")]
    [InlineData("RAG__Chunking__OverlapTokens", "999", "Chunking:OverlapTokens")]
    [InlineData("RAG__Retrieval__Top", "0", "Retrieval:Top")]
    public async Task A_bad_setting_fails_with_one_line_naming_the_key(string variable, string value, string key)
    {
        using var data = new TempDirectory();
        var run = await RagProcess.RunAsync(["ingest", RepositoryRoot.Corpus, "--data", data.Path, "--json"],
            environment: new Dictionary<string, string> { [variable] = value });
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(key, run.StandardError);
        Assert.DoesNotContain("   at ", run.StandardError);
        Assert.Equal("", run.StandardOutput);
    }
}
