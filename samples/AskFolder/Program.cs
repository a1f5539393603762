using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagSystem;
using RagSystem.Answering;
using RagSystem.Ingestion;

// Usage: dotnet run --project samples/AskFolder -- <folder> "question"
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: AskFolder <folder> \"question\"");
    return 2;
}
var folder = Path.GetFullPath(args[0]);

// The composition root the CLI and the API use. Settings come from RAG__* variables (RAG__Retrieval__Top=4, ...); the index
// lives in <folder>/.rag (hidden folders are never ingested) and models under $RAG_MODELS_DIR, default ~/.rag/models.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables("RAG__").Build();
var services = new ServiceCollection();
services.AddRagSystem(configuration, o => o.DataDirectory = Path.Combine(folder, ".rag"));
await using var provider = services.BuildServiceProvider();

// 1. Bring the index up to date with the folder: only new or changed files are read.
var report = await provider.GetRequiredService<IngestionPipeline>().SyncFolderAsync(folder);
Console.Error.WriteLine($"index: {report.Added} added, {report.Updated} updated, {report.Unchanged} unchanged, {report.Removed} removed, " +
    $"{report.Failed.Count + report.UnchangedFailed.Count} unreadable");

// 2. Ask, printing the answer as it is generated (extractive when no generator model is installed).
var answerer = provider.GetRequiredService<Answerer>();
foreach (var notice in provider.GetRequiredService<RagModels>().Notices) Console.Error.WriteLine(notice);
Answer? answer = null;
await foreach (var update in answerer.AskStreamingAsync(args[1], new AskOptions()))
{
    Console.Write(update.Text);
    answer = update.Answer ?? answer;
}
Console.WriteLine();

// 3. The sources behind the [n] markers.
foreach (var c in answer!.Citations) Console.WriteLine($"[{c.Number}] {c.Source}{(c.PageStart is { } p ? $", page {p}" : "")}");
return answer.Mode == AnswerMode.NotFound ? 1 : 0;
