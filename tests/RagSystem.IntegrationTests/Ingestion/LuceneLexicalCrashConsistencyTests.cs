using Microsoft.Data.Sqlite;
using RagSystem.Storage;
using RagSystem.Storage.Sqlite;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Ingestion;

/// <summary>The Lucene lexical index stays consistent with SQLite through SIGKILLs: of <c>rag ingest</c> (SQLite moves
/// ahead of the index) and of a <c>rag search</c> that is bringing the index up to date. After the run is resumed, every
/// chunk is in the index exactly once and each document is found by its own marker word exactly once.</summary>
public sealed class LuceneLexicalCrashConsistencyTests(ITestOutputHelper output)
{
    private const int Documents = 500;

    [Fact]
    public async Task Killed_ingestion_and_killed_catch_up_leave_Lucene_and_SQLite_in_agreement_after_the_resume()
    {
        using var folder = new TempDirectory();
        using var data = new TempDirectory();
        SyntheticCorpus.Write(folder.Path, Documents);

        output.WriteLine($"first ingest killed after {await RunAndKillAsync(["ingest", folder.Path, "--data", data.Path], settledFiles: 120)} files");
        var search = await RagProcess.RunAsync(["search", "marker1x", "--data", data.Path, "--json"]);
        Assert.True(search.ExitCode == 0, search.ToString());
        var indexed = await CheckAsync(data.Path);
        Assert.Empty(indexed.Problems);
        output.WriteLine(indexed.Summary);

        output.WriteLine($"second ingest killed after {await RunAndKillAsync(["ingest", folder.Path, "--data", data.Path], settledFiles: 300)} files");
        var behind = await CheckAsync(data.Path);
        Assert.Empty(behind.Problems);
        Assert.Contains("applied at the next search", behind.Summary, StringComparison.Ordinal);

        // A search killed while it may be applying the missing documents: its Lucene commit either happened or did not.
        using (var killed = RagProcess.Start(["search", "marker2x", "--data", data.Path]))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(900), TestContext.Current.CancellationToken);
            if (!killed.HasExited) killed.Kill(entireProcessTree: true);
            await killed.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        Assert.Empty((await CheckAsync(data.Path)).Problems);

        var resumed = await RagProcess.RunAsync(["ingest", folder.Path, "--data", data.Path, "--json"]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var final = await CheckAsync(data.Path);
        Assert.Empty(final.Problems);
        Assert.Contains("up to date", final.Summary, StringComparison.Ordinal);

        using var store = await SqliteChunkStore.OpenAsync(Path.Combine(data.Path, "rag.db"));
        var documents = await store.ListDocumentsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Documents, documents.Count);
        foreach (var document in documents)
        {
            var marker = $"marker{int.Parse(Path.GetFileNameWithoutExtension(document.Path)[3..])}x";
            var hits = await store.SearchAsync(SearchRequest.Lexical(marker, 10), TestContext.Current.CancellationToken);
            Assert.Equal(document.Id, Assert.Single(hits).Chunk.DocumentId);
        }
        Assert.Equal(0, store.LexicalIndex!.Rebuilds);
    }

    /// <summary>Starts rag and SIGKILLs it once <paramref name="settledFiles"/> files have settled; returns how many had.</summary>
    private static async Task<int> RunAndKillAsync(string[] args, int settledFiles)
    {
        using var process = RagProcess.Start(args);
        _ = process.StandardOutput.ReadToEndAsync();
        var settled = 0;
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            var close = line.IndexOf('/');
            if (!line.StartsWith('[') || close < 0 || !int.TryParse(line.AsSpan(1, close - 1).Trim(), out settled) || settled < settledFiles) continue;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return settled;
        }
        await process.WaitForExitAsync();
        throw new InvalidOperationException($"rag {string.Join(' ', args)} finished before {settledFiles} files settled; make the corpus larger");
    }

    private static async Task<LuceneLexicalIndexCheck.Result> CheckAsync(string data)
    {
        var database = Path.Combine(data, "rag.db");
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return await LuceneLexicalIndexCheck.CheckAsync(connection, database, cancellationToken: TestContext.Current.CancellationToken);
    }
}
