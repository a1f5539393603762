using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using RagSystem;
using RagSystem.Retrieval;
using RagSystem.SemanticKernel;
using RagSystem.Storage;

// Usage: dotnet run --project samples/SemanticKernelSample -- --data <folder with the rag store> "your question" [top]
var data = ArgValue(args, "--data") ?? Environment.GetEnvironmentVariable("RAG_DATA_DIR") ?? ".rag";
var rest = args.Where((a, i) => a != "--data" && (i == 0 || args[i - 1] != "--data")).ToArray();
if (rest.Length == 0)
{
    Console.Error.WriteLine("usage: SemanticKernelSample --data <dir> \"question\" [top]");
    return 2;
}
var query = rest[0];
var top = rest.Length > 1 && int.TryParse(rest[1], out var t) ? t : 5;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

// 1. The same composition root as the CLI and the API: the index under --data and whichever models are installed
//    ($RAG_MODELS_DIR, default ~/.rag/models).
var configuration = new ConfigurationBuilder().AddEnvironmentVariables("RAG__").Build();
var services = new ServiceCollection();
services.AddRagSystem(configuration, o => o.DataDirectory = data);
await using var provider = services.BuildServiceProvider();
var store = provider.GetRequiredService<IChunkStore>();
if ((await store.StatsAsync(cancel.Token)).Documents == 0)
{
    Console.Error.WriteLine($"error: the index in {Path.GetFullPath(data)} is empty; run `rag ingest <folder> --data {data}` first");
    return 1;
}
var models = provider.GetRequiredService<RagModels>();
var retriever = provider.GetRequiredService<IRetriever>();
var chat = models.ChatClient;
foreach (var notice in models.Notices) Console.Error.WriteLine(notice);

// 2. A kernel with the documents plugin; the local chat client and embedding generator become kernel services too.
var kernel = Kernel.CreateBuilder().AddRagDocuments(retriever, chat, models.EmbeddingGenerator).Build();
Console.Error.WriteLine($"kernel services: IChatClient {(kernel.Services.GetService(typeof(IChatClient)) is null ? "absent (no generator installed)" : "present")}");

// 3. Call the function the way an agent would: by plugin and function name, with kernel arguments.
var result = await kernel.InvokeAsync(DocumentsPlugin.DefaultName, "search_documents",
    new KernelArguments { ["query"] = query, ["top"] = top }, cancel.Token);
var hits = result.GetValue<IReadOnlyList<DocumentSearchHit>>() ?? [];

foreach (var hit in hits)
{
    var page = hit.Page is { } p ? $", p. {p}" : "";
    Console.WriteLine($"[{hit.N}] {hit.Source}{page}  (score {hit.Score:F4})");
    Console.WriteLine($"    {(hit.Text.Length > 300 ? hit.Text[..300] + " …" : hit.Text).ReplaceLineEndings(" ")}");
}

// 4. What a function-calling model receives: the same hits as JSON.
Console.WriteLine();
Console.WriteLine("As JSON for a model's tool call:");
Console.WriteLine(JsonSerializer.Serialize(hits.Take(2), new JsonSerializerOptions { WriteIndented = true }));
return 0;

static string? ArgValue(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
