// Bounded load benchmark of the REST API on loopback: 32 clients on /v1/search and 4 on /v1/query for a fixed time, first on a
// quiet server, then while an ingestion job runs. Prints p50/p95/p99, requests/s, 5xx counts and the busy ÷ quiet ratios of
// each percentile with the number of samples and a bootstrap interval (same run).
//   dotnet run -c Release --project bench/RagSystem.ApiLoad -- [seconds per phase, default 30] [generator model folder]
// Answers are kept short (Generator:MaxNewTokens=8, top_k 4 on /v1/query, so the prompt is short too): the point is how
// ingestion changes a query's latency, and that takes many answers per phase, not long ones.
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using RagSystem.Api.Hosting;
using RagSystem.ApiLoad;
using RagSystem.Testing;

var seconds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 30;
var generator = args.Length > 1 ? args[1] : SharedData.Find("models", "tiny-random-llama-fp16");
using var data = new TempDirectory("rag-load-data");
using var models = new TempDirectory("rag-load-models");
using var docs = new TempDirectory("rag-load-docs");
if (generator is not null) Directory.CreateSymbolicLink(Path.Combine(models.Path, "generator"), generator);
RepositoryRoot.CopyDirectory(RepositoryRoot.Corpus, Path.Combine(docs.Path, "corpus"));
// Enough files that the job outlasts the busy phase (it settled about 45 files/s under load in a trial run).
SyntheticCorpus.Write(Path.Combine(docs.Path, "bulk"), Math.Max(4000, seconds * 60), paragraphsPerDocument: 12);

int port;
using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); port = ((IPEndPoint)probe.LocalEndpoint).Port; }
var url = $"http://127.0.0.1:{port}";
var builder = WebApplication.CreateBuilder([$"--urls={url}", $"--Rag:DataDirectory={data.Path}", $"--Rag:ModelsDirectory={models.Path}",
    $"--Rag:Api:AllowedRoots:0={docs.Path}", "--Rag:Api:RateLimitPermits=0", "--Rag:Generator:MaxNewTokens=8", "--Logging:LogLevel:Default=Warning"]);
builder.AddRagApi();
await using var app = builder.Build();
app.UseRagApi();
app.MapRagApi();
await app.StartAsync();

using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
http.DefaultRequestHeaders.ConnectionClose = false;
async Task<JsonElement> RunJobAsync(string path, bool wait)
{
    using var response = await http.PostAsJsonAsync("/v1/ingestions", new { path });
    var location = response.Headers.Location!.ToString();
    while (true)
    {
        var job = await http.GetFromJsonAsync<JsonElement>(location);
        if (!wait || job.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled") return job;
        await Task.Delay(100);
    }
}
await RunJobAsync("corpus", wait: true);
Console.WriteLine($"generator: {generator ?? "none (extractive answers)"}; {seconds} s per phase; 32 search clients + 4 query clients");
Console.WriteLine($"load average at the start: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");

async Task<(LatencyRecorder Search, LatencyRecorder Query)> PhaseAsync()
{
    var search = new LatencyRecorder();
    var query = new LatencyRecorder();
    var queries = new[] { "attention heads and the KV cache", "reward model human preferences", "tokens and embeddings", "fine-tuning with adapters" };
    var questions = new[] { "What is retrieval-augmented generation?", "How does a KV cache speed up decoding?", "What is a token?", "What is RLHF?" };
    using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
    async Task ClientAsync(LatencyRecorder recorder, string endpoint, Func<int, object> body, int seed)
    {
        for (var i = seed; !stop.IsCancellationRequested; i++)
        {
            var clock = Stopwatch.StartNew();
            var status = 0;
            try
            {
                using var response = await http.PostAsJsonAsync(endpoint, body(i));
                await response.Content.ReadAsByteArrayAsync();
                status = (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                status = 0;
            }
            recorder.Record(clock.Elapsed.TotalMilliseconds, status);
        }
    }
    var clients = Enumerable.Range(0, 32).Select(c => ClientAsync(search, "/v1/search", i => new { query = queries[i % queries.Length], top_k = 8 }, c))
        .Concat(Enumerable.Range(0, 4).Select(c => ClientAsync(query, "/v1/query", i => new { question = questions[i % questions.Length], top_k = 4 }, c)));
    await Task.WhenAll(clients);
    return (search, query);
}

var duration = TimeSpan.FromSeconds(seconds);
// Warm up first (the decoder's first session, the JIT, the store's caches), so the quiet phase does not carry one-off costs.
for (var i = 0; i < 4; i++)
{
    using var warmQuery = await http.PostAsJsonAsync("/v1/query", new { question = "What is a token?", top_k = 4 });
    using var warmSearch = await http.PostAsJsonAsync("/v1/search", new { query = "tokens and embeddings", top_k = 8 });
}
var quiet = await PhaseAsync();
await RunJobAsync("bulk", wait: false);
var busy = await PhaseAsync();
var job = await http.GetFromJsonAsync<JsonElement>($"/v1/ingestions?limit=1");
var latest = job.GetProperty("items")[0];
Console.WriteLine();
Console.WriteLine("| phase / endpoint | ok requests | req/s | p50 ms | p95 ms | p99 ms | 5xx | other errors |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
Console.WriteLine(quiet.Search.Summary("quiet: /v1/search", duration));
Console.WriteLine(quiet.Query.Summary("quiet: /v1/query", duration));
Console.WriteLine(busy.Search.Summary("ingesting: /v1/search", duration));
Console.WriteLine(busy.Query.Summary("ingesting: /v1/query", duration));
Console.WriteLine();
Console.WriteLine($"ingestion job during the second phase: state {latest.GetProperty("state").GetString()}, "
    + $"{latest.GetProperty("progress").GetProperty("files_done").GetInt32()} of {latest.GetProperty("progress").GetProperty("files_total").GetInt32()} files done when the phase ended");
foreach (var (name, b, q) in new[] { ("/v1/search", busy.Search, quiet.Search), ("/v1/query", busy.Query, quiet.Query) })
{
    foreach (var (label, p) in new[] { ("p50", 0.50), ("p95", 0.95), ("p99", 0.99) })
        Console.WriteLine($"{name} {label} ingesting ÷ quiet: {PercentileRatio.Describe(b.Sorted, q.Sorted, p)}");
}
Console.WriteLine($"load average at the end: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
await app.StopAsync();
return quiet.Search.ServerErrors + quiet.Query.ServerErrors + busy.Search.ServerErrors + busy.Query.ServerErrors == 0 ? 0 : 1;
