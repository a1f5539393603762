using System.Text.Json;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Ingestion;

/// <summary>Remembered failures through the real <c>rag</c> process: <c>unchanged-failed</c> in <c>rag ingest --json</c>,
/// <c>--retry-failed</c>, and <c>rag ask --docs</c> not reading a broken file again on every question.</summary>
public sealed class FailureMemoryCommandTests
{
    private static TempDirectory FolderWithABrokenPdf()
    {
        var folder = new TempDirectory();
        folder.WriteFile("attention.md", "# Attention\n\nAttention weights decide which earlier tokens matter for the next token.");
        folder.WriteFile("broken.pdf", "%PDF-1.7\nthis file ends before any object, so no reader can open it\n");
        return folder;
    }

    [Fact]
    public async Task Ingest_reports_a_file_that_failed_before_as_unchanged_failed_until_retry_failed()
    {
        using var folder = FolderWithABrokenPdf();
        using var data = new TempDirectory();
        string[] ingest = ["ingest", folder.Path, "--data", data.Path, "--models", Path.Combine(data.Path, "no-models"), "--json"];

        var first = await RagProcess.RunAsync(ingest);
        Assert.True(first.ExitCode == 0, first.ToString());
        using (var json = JsonDocument.Parse(first.StandardOutput))
        {
            Assert.Equal("broken.pdf", Assert.Single(json.RootElement.GetProperty("failed").EnumerateArray()).GetProperty("path").GetString());
            Assert.Empty(json.RootElement.GetProperty("unchanged_failed").EnumerateArray());
        }

        var second = await RagProcess.RunAsync(ingest);
        using (var json = JsonDocument.Parse(second.StandardOutput))
        {
            Assert.Empty(json.RootElement.GetProperty("failed").EnumerateArray());
            var skipped = Assert.Single(json.RootElement.GetProperty("unchanged_failed").EnumerateArray());
            Assert.Equal("broken.pdf", skipped.GetProperty("path").GetString());
            Assert.False(string.IsNullOrEmpty(skipped.GetProperty("reason").GetString()));
        }

        var retried = await RagProcess.RunAsync([.. ingest, "--retry-failed"]);
        using (var json = JsonDocument.Parse(retried.StandardOutput))
        {
            Assert.Single(json.RootElement.GetProperty("failed").EnumerateArray());
            Assert.Empty(json.RootElement.GetProperty("unchanged_failed").EnumerateArray());
        }
    }

    [Fact]
    public async Task Ask_with_docs_reads_a_broken_file_once_not_on_every_question()
    {
        using var folder = FolderWithABrokenPdf();
        using var data = new TempDirectory();
        string[] ask = ["ask", "What do attention weights decide?", "--docs", folder.Path, "--data", data.Path,
            "--models", Path.Combine(data.Path, "no-models"), "--json"];

        var first = await RagProcess.RunAsync(ask);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("failed broken.pdf", first.StandardError, StringComparison.Ordinal);

        var second = await RagProcess.RunAsync(ask);
        Assert.True(second.ExitCode == 0, second.ToString());
        // Nothing was parsed again: no progress line and no "could not be read" notice for the broken file.
        Assert.DoesNotContain("broken.pdf", second.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be read", second.StandardError, StringComparison.Ordinal);
        using var answer = JsonDocument.Parse(second.StandardOutput);
        Assert.Contains(answer.RootElement.GetProperty("citations").EnumerateArray(), c => c.GetProperty("source").GetString() == "attention.md");
    }
}
