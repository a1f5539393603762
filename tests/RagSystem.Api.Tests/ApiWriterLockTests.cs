using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RagSystem.Api.Jobs;
using RagSystem.Ingestion;
using RagSystem.Testing;

namespace RagSystem.Api.Tests;

/// <summary>One writer per index across processes: the service's jobs, uploads and deletes take the same
/// <c>ingest.lock</c> as <c>rag ingest</c>, only while they write.</summary>
public sealed class ApiWriterLockTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ApiTestHost Host() => new(new Dictionary<string, string?> { ["Rag:Api:WriterWait"] = "00:00:01" });

    [Fact]
    public async Task Api_job_waits_for_the_index_lock_held_elsewhere_says_so_and_runs_when_it_is_released()
    {
        await using var host = Host();
        using var client = host.Client();
        var held = IngestionLock.TryAcquire(host.Data.Path);
        Assert.NotNull(held);
        try
        {
            using var submitted = await client.PostAsJsonAsync("/v1/ingestions", new { path = "corpus" }, Ct);
            var location = submitted.Headers.Location!.ToString();
            var waiting = await WaitForMessageAsync(client, location);
            Assert.Equal("queued", waiting.GetProperty("state").GetString());
            Assert.Contains($"waiting for another writer, process {Environment.ProcessId}", waiting.GetProperty("message").GetString(), StringComparison.Ordinal);

            // An upload ingested before the reply does not hang behind it: 503, Retry-After, the holder named, nothing written.
            using var upload = await UploadAsync(client, "note.md", "# Note\n\nA kiwi is a bird.");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, upload.StatusCode);
            Assert.True(upload.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is set");
            var problem = await upload.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("unavailable", problem.GetProperty("kind").GetString());
            Assert.Contains($"process {Environment.ProcessId}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/v1/documents", Ct)).GetProperty("total").GetInt32());

            held.Dispose();
            held = null;
            var job = await ApiTestHost.WaitForJobAsync(client, location, Ct);
            Assert.Equal("succeeded", job.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, job.GetProperty("message").ValueKind);
            Assert.Equal(8, job.GetProperty("counts").GetProperty("added").GetInt32());

            // The job released the lock when it ended: another writer can take it now.
            using (var after = IngestionLock.TryAcquire(host.Data.Path)) Assert.NotNull(after);
            using var retried = await UploadAsync(client, "note.md", "# Note\n\nA kiwi is a bird.");
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        }
        finally
        {
            held?.Dispose();
        }
    }

    [Fact]
    public async Task Api_writer_holds_the_lock_so_rag_ingest_refuses_or_waits_and_runs_after_it()
    {
        if (!File.Exists(RagProcess.DllPath)) Assert.Skip($"needs rag.dll beside the tests ({RagProcess.DllPath})");
        await using var host = Host();
        using var client = host.Client();
        using var docs = new TempDirectory("rag-api-lock-docs");
        SyntheticCorpus.Write(docs.Path, 10);
        var gate = host.Services.GetRequiredService<IngestionWriterGate>();
        var entered = await gate.EnterAsync(Ct);
        try
        {
            var refused = await RagProcess.RunAsync(["ingest", docs.Path, "--data", host.Data.Path]);
            output.WriteLine(refused.ToString());
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains($"is being written by process {Environment.ProcessId}", refused.StandardError, StringComparison.Ordinal);

            using var waiting = RagProcess.Start(["ingest", docs.Path, "--data", host.Data.Path, "--wait", "--json"]);
            var stdout = waiting.StandardOutput.ReadToEndAsync(Ct);
            // The lock is released only once the CLI says it waits: a fixed pause lost the race on a loaded machine, where
            // starting the process took longer than the pause and the CLI found the lock already free.
            var stderr = new StringBuilder();
            while (await waiting.StandardError.ReadLineAsync(Ct) is { } line)
            {
                stderr.AppendLine(line);
                if (line.Contains("waiting for process", StringComparison.Ordinal)) break;
            }
            Assert.False(waiting.HasExited, "rag ingest --wait should wait while the service writes");
            entered.Dispose();
            stderr.Append(await waiting.StandardError.ReadToEndAsync(Ct));
            await waiting.WaitForExitAsync(Ct);
            var run = new RagRun(waiting.ExitCode, await stdout, stderr.ToString());
            output.WriteLine(run.ToString());
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("waiting for process", run.StandardError, StringComparison.Ordinal);
            Assert.Equal(10, JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("added").GetInt32());
        }
        finally
        {
            entered.Dispose();
        }
    }

    [Fact]
    public async Task Api_job_waits_while_a_real_rag_ingest_process_writes_and_finishes_after_it()
    {
        if (!File.Exists(RagProcess.DllPath)) Assert.Skip($"needs rag.dll beside the tests ({RagProcess.DllPath})");
        if (OperatingSystem.IsWindows()) Assert.Skip("pauses the other process with SIGSTOP/SIGCONT");
        await using var host = Host();
        using var client = host.Client();
        using var docs = new TempDirectory("rag-api-lock-cli");
        SyntheticCorpus.Write(docs.Path, 300);
        using var cli = RagProcess.Start(["ingest", docs.Path, "--data", host.Data.Path]);
        _ = cli.StandardOutput.ReadToEndAsync(Ct);
        // A progress line means the CLI holds the lock and writes; pausing it there keeps it holding the lock as long as
        // the test needs, however fast this machine ingests.
        while (await cli.StandardError.ReadLineAsync(Ct) is { } line && !line.StartsWith('[')) { }
        Assert.False(cli.HasExited, "rag ingest finished before it could be paused");
        Signal("STOP", cli.Id);
        var stderrRest = Task.CompletedTask;
        try
        {
            using var submitted = await client.PostAsJsonAsync("/v1/ingestions", new { path = "corpus" }, Ct);
            var location = submitted.Headers.Location!.ToString();
            var waiting = await WaitForMessageAsync(client, location);
            Assert.Equal("queued", waiting.GetProperty("state").GetString());
            Assert.Contains($"process {cli.Id}", waiting.GetProperty("message").GetString(), StringComparison.Ordinal);

            Signal("CONT", cli.Id);
            stderrRest = cli.StandardError.ReadToEndAsync(Ct);
            await cli.WaitForExitAsync(Ct);
            Assert.Equal(0, cli.ExitCode);
            var job = await ApiTestHost.WaitForJobAsync(client, location, Ct);
            Assert.Equal("succeeded", job.GetProperty("state").GetString());
            Assert.Equal(8, job.GetProperty("counts").GetProperty("added").GetInt32());
        }
        finally
        {
            if (!cli.HasExited)
            {
                Signal("CONT", cli.Id);
                cli.Kill(entireProcessTree: true);
            }
            await stderrRest;
        }
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task<JsonElement> WaitForMessageAsync(HttpClient client, string location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement job;
        do
        {
            await Task.Delay(100, Ct);
            job = await client.GetFromJsonAsync<JsonElement>(location, Ct);
            if (job.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String) return job;
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"the job never said what it waits for: {job}");
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string name, string text)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
        form.Add(file, "files", name);
        return await client.PostAsync("/v1/documents", form, Ct);
    }
}
