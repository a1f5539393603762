using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RagSystem.Api.Jobs;
using RagSystem.Storage;
using RagSystem.Testing;

namespace RagSystem.Api.Tests;

public sealed class ApiIngestionJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_job_lifecycle_submit_progress_succeed_list_rerun_unchanged_and_finished_jobs_cannot_be_cancelled()
    {
        await using var host = new ApiTestHost();
        using var client = host.Client();
        using var submitted = await client.PostAsJsonAsync("/v1/ingestions", new { path = "corpus" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var location = submitted.Headers.Location!.ToString();
        var created = await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal($"/v1/ingestions/{created.GetProperty("id").GetString()}", location);
        Assert.Equal(host.CorpusFolder, created.GetProperty("path").GetString());

        var job = await ApiTestHost.WaitForJobAsync(client, location, Ct);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        var counts = job.GetProperty("counts");
        // Eight documents; the .ragignore'd question files and the hidden .ragignore itself are not documents.
        const int files = 8;
        Assert.Equal(files, job.GetProperty("progress").GetProperty("files_total").GetInt32());
        Assert.Equal(files, counts.GetProperty("added").GetInt32());
        Assert.True(counts.GetProperty("chunks").GetInt32() > 0);
        Assert.Equal(files, job.GetProperty("progress").GetProperty("files_done").GetInt32());
        Assert.Equal(job.GetProperty("failures").GetArrayLength(), counts.GetProperty("failed").GetInt32());

        var again = await ApiTestHost.IngestAsync(client, host.CorpusFolder, Ct);
        Assert.Equal(0, again.GetProperty("counts").GetProperty("added").GetInt32());
        Assert.Equal(counts.GetProperty("added").GetInt32(), again.GetProperty("counts").GetProperty("unchanged").GetInt32());

        var list = await client.GetFromJsonAsync<JsonElement>("/v1/ingestions?limit=1", Ct);
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Equal(again.GetProperty("id").GetString(), list.GetProperty("items")[0].GetProperty("id").GetString());

        using var cancelFinished = await client.DeleteAsync(location, Ct);
        Assert.Equal(HttpStatusCode.Conflict, cancelFinished.StatusCode);
        using var missing = await client.GetAsync("/v1/ingestions/nope", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("not_found", (await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Api_jobs_queue_behind_the_single_writer_and_a_queued_job_can_be_cancelled()
    {
        await using var host = new ApiTestHost();
        using var client = host.Client();
        var writer = host.Services.GetRequiredService<IngestionWriterGate>();
        var held = await writer.EnterAsync(Ct);
        using var first = await client.PostAsJsonAsync("/v1/ingestions", new { path = "corpus" }, Ct);
        using var second = await client.PostAsJsonAsync("/v1/ingestions", new { path = "corpus" }, Ct);
        await Task.Delay(300, Ct);
        var firstJob = await client.GetFromJsonAsync<JsonElement>(first.Headers.Location, Ct);
        Assert.Equal("queued", firstJob.GetProperty("state").GetString());

        using var cancel = await client.DeleteAsync(second.Headers.Location, Ct);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("state").GetString());

        // The other writer finishes: the first job, queued until now, runs.
        held.Dispose();
        Assert.Equal("succeeded", (await ApiTestHost.WaitForJobAsync(client, first.Headers.Location!.ToString(), Ct)).GetProperty("state").GetString());
        var cancelled = await client.GetFromJsonAsync<JsonElement>(second.Headers.Location, Ct);
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        Assert.Equal(0, cancelled.GetProperty("runs").GetInt32());
    }

    [Fact]
    public async Task Api_a_queued_job_survives_a_restart_and_runs_on_the_second_host()
    {
        using var data = new TempDirectory("rag-api-restart");
        using var docs = new TempDirectory("rag-api-restart-docs");
        RepositoryRoot.CopyDirectory(RepositoryRoot.Corpus, docs.Path);
        var settings = new Dictionary<string, string?> { ["Rag:Api:AllowedRoots:0"] = docs.Path };
        string location;
        await using (var first = new ApiTestHost(settings, data))
        {
            using var client = first.Client();
            // Another writer takes the gate and never gives it back on this host, so the job never starts here.
            _ = await first.Services.GetRequiredService<IngestionWriterGate>().EnterAsync(Ct);
            using var submitted = await client.PostAsJsonAsync("/v1/ingestions", new { path = docs.Path }, Ct);
            location = submitted.Headers.Location!.ToString();
            await Task.Delay(200, Ct);
            Assert.Equal("queued", (await client.GetFromJsonAsync<JsonElement>(location, Ct)).GetProperty("state").GetString());
        }

        await using var second = new ApiTestHost(settings, data);
        using var secondClient = second.Client();
        var job = await ApiTestHost.WaitForJobAsync(secondClient, location, Ct);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal(1, job.GetProperty("runs").GetInt32());
        Assert.Equal(8, job.GetProperty("counts").GetProperty("added").GetInt32());
        Assert.Equal(1, (await secondClient.GetFromJsonAsync<JsonElement>("/v1/ingestions", Ct)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Api_a_job_stopped_mid_run_by_a_host_shutdown_resumes_on_the_next_host_with_no_duplicate_or_missing_chunk()
    {
        using var data = new TempDirectory("rag-api-resume");
        using var docs = new TempDirectory("rag-api-resume-docs");
        var paths = SyntheticCorpus.Write(docs.Path, 800, paragraphsPerDocument: 8);
        var settings = new Dictionary<string, string?> { ["Rag:Api:AllowedRoots:0"] = docs.Path };
        string location;
        await using (var first = new ApiTestHost(settings, data))
        {
            using var client = first.Client();
            using var submitted = await client.PostAsJsonAsync("/v1/ingestions", new { path = docs.Path }, Ct);
            location = submitted.Headers.Location!.ToString();
            JsonElement job;
            do
            {
                await Task.Delay(20, Ct);
                job = await client.GetFromJsonAsync<JsonElement>(location, Ct);
            }
            while (job.GetProperty("progress").GetProperty("files_done").GetInt32() < 20);
            Assert.Equal("running", job.GetProperty("state").GetString());
        }

        await using var second = new ApiTestHost(settings, data);
        using var secondClient = second.Client();
        var resumed = await ApiTestHost.WaitForJobAsync(secondClient, location, Ct);
        Assert.Equal("succeeded", resumed.GetProperty("state").GetString());
        Assert.Equal(2, resumed.GetProperty("runs").GetInt32());
        Assert.True(resumed.GetProperty("counts").GetProperty("unchanged").GetInt32() >= 20, "the second run skips what the first stored");

        var store = second.Services.GetRequiredService<IChunkStore>();
        var documents = await store.ListDocumentsAsync(Ct);
        Assert.Equal(paths.Order(StringComparer.Ordinal), documents.Select(d => d.Path).Order(StringComparer.Ordinal));
        foreach (var document in documents)
        {
            var chunks = await store.GetChunksAsync(document.Id, Ct);
            Assert.Equal(document.ChunkCount, chunks.Count);
            Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Ordinal));
        }
    }
}
