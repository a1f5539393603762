using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using RagSystem.Storage;
using RagSystem.Testing;

namespace RagSystem.Api.Tests;

/// <summary>The real <c>rag serve</c> process on a random loopback port: ingest through the job API, kill -9 mid-job, restart,
/// and the job finishes with every document stored once with all its chunks.</summary>
public sealed class ApiServeProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<Process> ServeAsync(string data, string docs, string url, HttpClient client)
    {
        var process = RagProcess.Start(["serve", "--data", data, "--urls", url],
            new Dictionary<string, string> { ["RAG__Api__AllowedRoots__0"] = docs });
        // Drain the output so the child never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"rag serve exited with {process.ExitCode}: {await stderr}");
            try
            {
                if ((await client.GetAsync("/health/live", Ct)).IsSuccessStatusCode) return process;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, Ct);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("rag serve did not answer /health/live within 60 s");
    }

    [Fact]
    public async Task Api_rag_serve_killed_mid_job_resumes_it_after_restart_with_no_duplicate_or_missing_chunk()
    {
        if (!File.Exists(RagProcess.DllPath)) Assert.Skip($"needs rag.dll beside the tests ({RagProcess.DllPath})");
        using var data = new TempDirectory("rag-serve-data");
        using var docs = new TempDirectory("rag-serve-docs");
        // The corpus's documents (its question files are evaluation data, not documents).
        var corpusDocuments = Directory.GetFiles(RepositoryRoot.Corpus).Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".jsonl", StringComparison.Ordinal)).ToList();
        Directory.CreateDirectory(Path.Combine(docs.Path, "corpus"));
        foreach (var file in corpusDocuments) File.Copy(file, Path.Combine(docs.Path, "corpus", Path.GetFileName(file)));
        var synthetic = SyntheticCorpus.Write(Path.Combine(docs.Path, "bulk"), 1500, paragraphsPerDocument: 8);
        var url = $"http://127.0.0.1:{FreePort()}";
        using var client = new HttpClient { BaseAddress = new Uri(url) };

        var first = await ServeAsync(data.Path, docs.Path, url, client);
        string location;
        try
        {
            using var submitted = await client.PostAsJsonAsync("/v1/ingestions", new { path = docs.Path }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            location = submitted.Headers.Location!.ToString();
            JsonElement job;
            do
            {
                await Task.Delay(50, Ct);
                job = await client.GetFromJsonAsync<JsonElement>(location, Ct);
            }
            while (job.GetProperty("progress").GetProperty("files_done").GetInt32() < 50);
            Assert.Equal("running", job.GetProperty("state").GetString());
        }
        finally
        {
            first.Kill(); // SIGKILL: no shutdown, no flush
            await first.WaitForExitAsync(Ct);
            first.Dispose();
        }

        var second = await ServeAsync(data.Path, docs.Path, url, client);
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(4);
            JsonElement job;
            do
            {
                await Task.Delay(200, Ct);
                job = await client.GetFromJsonAsync<JsonElement>(location, Ct);
            }
            while (job.GetProperty("state").GetString() is "queued" or "running" && DateTime.UtcNow < deadline);
            Assert.Equal("succeeded", job.GetProperty("state").GetString());
            Assert.Equal(2, job.GetProperty("runs").GetInt32());
            Assert.True(job.GetProperty("counts").GetProperty("unchanged").GetInt32() >= 50, "the resumed run skips what the killed one stored");

            using var answer = await client.PostAsJsonAsync("/v1/query", new { question = "What is retrieval-augmented generation?" }, Ct);
            var cited = (await answer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("citations").EnumerateArray()
                .Select(c => c.GetProperty("source").GetString()).ToList();
            Assert.Contains("corpus/retrieval-augmented-generation.md", cited);

            // Every file is one document, each with exactly its chunks, numbered 0..n-1 (read from the store file itself).
            using var store = await SqliteChunkStore.OpenAsync(Path.Combine(data.Path, SqliteStoreOptions.DefaultFileName), cancellationToken: Ct);
            var documents = await store.ListDocumentsAsync(Ct);
            var expected = synthetic.Select(p => "bulk/" + p).Concat(corpusDocuments.Select(f => "corpus/" + Path.GetFileName(f)));
            Assert.Equal(expected.Order(StringComparer.Ordinal), documents.Select(d => d.Path).Order(StringComparer.Ordinal));
            long chunks = 0;
            foreach (var document in documents)
            {
                var stored = await store.GetChunksAsync(document.Id, Ct);
                Assert.Equal(Enumerable.Range(0, document.ChunkCount), stored.Select(c => c.Ordinal));
                chunks += stored.Count;
            }
            Assert.Equal(chunks, (await store.StatsAsync(Ct)).Chunks);
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync(Ct);
            second.Dispose();
        }
    }
}
