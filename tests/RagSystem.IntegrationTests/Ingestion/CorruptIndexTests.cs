using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Ingestion;

/// <summary>A damaged <c>rag.db</c> is reported in one line by every command that opens it, and <c>rag index rebuild</c>
/// brings back exactly what a clean ingest builds, keeping the damaged file aside.</summary>
public sealed class CorruptIndexTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("truncated to half")]
    [InlineData("64 KB of garbage in the middle")]
    public async Task Corrupt_index_gives_one_clear_line_and_exit_1_and_rebuild_restores_a_clean_index(string damage)
    {
        using var docs = new TempDirectory();
        using var data = new TempDirectory();
        using var clean = new TempDirectory();
        SyntheticCorpus.Write(docs.Path, 200);
        await IngestAsync(docs.Path, data.Path);
        await IngestAsync(docs.Path, clean.Path);
        var database = Path.Combine(data.Path, "rag.db");
        Assert.False(File.Exists(database + "-wal") && new FileInfo(database + "-wal").Length > 0, "the index should be checkpointed after ingest");
        Damage(database, damage);

        foreach (var args in new[] { new[] { "ask", "what is attention" }, ["search", "attention weight"], ["ingest", docs.Path] })
        {
            var run = await RagProcess.RunAsync([.. args, "--data", data.Path]);
            output.WriteLine($"rag {args[0]}: {run}");
            Assert.True(run.ExitCode == 1, run.ToString());
            var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.StartsWith("error: the index", line);
            Assert.Contains("is damaged", line);
            Assert.Contains("rag index rebuild", line);
            Assert.DoesNotContain("bug", line);
            Assert.DoesNotContain("unchanged", run.StandardOutput);
        }

        var check = await RagProcess.RunAsync(["index", "check", "--data", data.Path]);
        output.WriteLine($"rag index check: {check}");
        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains("is damaged", check.StandardError);

        var rebuild = await RagProcess.RunAsync(["index", "rebuild", "--data", data.Path]);
        output.WriteLine($"rag index rebuild: {rebuild}");
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        var kept = Assert.Single(Directory.GetFiles(data.Path, "rag.db.before-rebuild-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));
        Assert.True(new FileInfo(kept).Length > 0, "the damaged file is kept, not deleted");
        Assert.Equal(await IndexFingerprint.OfAsync(clean.Path), await IndexFingerprint.OfAsync(data.Path));

        var healthy = await RagProcess.RunAsync(["index", "check", "--data", data.Path]);
        Assert.True(healthy.ExitCode == 0, healthy.ToString());
        Assert.Contains("index OK: 200 documents", healthy.StandardOutput);
        Assert.Contains("up to date", healthy.StandardOutput); // the rebuilt store's Lucene lexical index, checked against its chunks
    }

    private static async Task IngestAsync(string docs, string data)
    {
        var run = await RagProcess.RunAsync(["ingest", docs, "--data", data, "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    private static void Damage(string database, string damage)
    {
        var length = new FileInfo(database).Length;
        Assert.True(length > 512 * 1024, $"the index is only {length} bytes; the damage would not land in the middle of its data");
        using var file = new FileStream(database, FileMode.Open, FileAccess.ReadWrite);
        if (damage.StartsWith("truncated", StringComparison.Ordinal))
        {
            file.SetLength(length / 2);
            return;
        }
        var garbage = new byte[64 * 1024];
        new Random(14).NextBytes(garbage);
        file.Position = length / 2;
        file.Write(garbage);
    }
}
