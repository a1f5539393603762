// Starts an ingestion job through the REST API and shows its progress until it finishes.
//   dotnet run --project samples/BatchIngest -- <folder under an allowed root> [--url http://127.0.0.1:5080] [--key KEY]
// Exit code: 0 when the job succeeded, 1 when it failed or was cancelled, 2 for a usage error.
using System.Net.Http.Json;
using System.Text.Json;
using Spectre.Console;

var folder = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
if (folder is null)
{
    Console.Error.WriteLine("usage: BatchIngest <folder> [--url http://127.0.0.1:5080] [--key KEY]");
    return 2;
}
string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
using var http = new HttpClient { BaseAddress = new Uri(Option("--url", "http://127.0.0.1:5080")) };
var key = Option("--key", Environment.GetEnvironmentVariable("RAG_API_KEY") ?? "");
if (key.Length > 0) http.DefaultRequestHeaders.Add("X-Api-Key", key);

using var submitted = await http.PostAsJsonAsync("/v1/ingestions", new { path = folder });
if (!submitted.IsSuccessStatusCode)
{
    // The API answers errors as RFC 7807 ProblemDetails: the detail says what to do.
    var problem = await submitted.Content.ReadFromJsonAsync<JsonElement>();
    Console.Error.WriteLine($"error: {(int)submitted.StatusCode} {problem.GetProperty("title").GetString()}: {problem.GetProperty("detail").GetString()}");
    return 1;
}
var location = submitted.Headers.Location!.ToString();
Console.WriteLine($"job {location}");

JsonElement job = default;
await AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
    .StartAsync(async context =>
    {
        var bar = context.AddTask("waiting for the writer", maxValue: 1);
        while (true)
        {
            job = await http.GetFromJsonAsync<JsonElement>(location);
            var state = job.GetProperty("state").GetString();
            var progress = job.GetProperty("progress");
            var total = progress.GetProperty("files_total").GetInt32();
            if (total > 0)
            {
                bar.MaxValue = total;
                bar.Value = progress.GetProperty("files_done").GetInt32();
                bar.Description = $"{state}: {progress.GetProperty("chunks_written").GetInt32()} chunks";
            }
            if (state is "succeeded" or "failed" or "cancelled")
            {
                bar.Value = bar.MaxValue;
                return;
            }
            await Task.Delay(500);
        }
    });

var final = job.GetProperty("state").GetString();
if (job.GetProperty("counts") is { ValueKind: JsonValueKind.Object } counts)
{
    Console.WriteLine($"{final}: {counts.GetProperty("added").GetInt32()} added, {counts.GetProperty("updated").GetInt32()} updated, "
        + $"{counts.GetProperty("unchanged").GetInt32()} unchanged, {counts.GetProperty("removed").GetInt32()} removed, "
        + $"{counts.GetProperty("failed").GetInt32()} failed, {counts.GetProperty("chunks").GetInt32()} chunks");
}
foreach (var failure in job.GetProperty("failures").EnumerateArray())
    Console.WriteLine($"  {failure.GetProperty("path").GetString()}: {failure.GetProperty("reason").GetString()}");
if (job.GetProperty("error").GetString() is { } error) Console.Error.WriteLine($"error: {error}");
return final == "succeeded" ? 0 : 1;
