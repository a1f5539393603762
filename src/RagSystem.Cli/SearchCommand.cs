using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RagSystem.Answering;
using RagSystem.Retrieval;
using Spectre.Console;

namespace RagSystem.Cli;

/// <summary><c>rag search "&lt;query&gt;"</c>: the best chunks for a query from the local index, without generating an answer.</summary>
internal static class SearchCommand
{
    private const int SnippetLength = 160;

    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "What to look for" };
        var top = new Option<int?>("--top", "-k") { Description = "Number of chunks to show (default: Retrieval:Top, 8)" }.MustBePositive();
        var json = new Option<bool>("--json") { Description = "Print the results as a JSON array" };
        var command = new Command("search", "Find the chunks most relevant to a query (lexical + dense, fused).") { query, top, json };
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            await using var host = RagHost.Create(parse);
            if (!await host.RequireIndexAsync("run `rag ingest <folder>` first", ct)) return ExitCodes.Error;
            var retriever = host.Retriever;
            host.PrintModelNotices();
            var options = host.Options.Retrieval with { Top = parse.GetValue(top) ?? host.Options.Retrieval.Top };
            var results = await retriever.RetrieveAsync(parse.GetValue(query)!, options, ct);
            if (parse.GetValue(json)) host.WriteJson(ToJson(results));
            else Print(host, results, retriever.ModeFor(options));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string ToJson(IReadOnlyList<RetrievedChunk> results) =>
        JsonSerializer.Serialize(results.Select((r, i) => new Dictionary<string, object?>
        {
            ["rank"] = i + 1,
            ["text"] = r.Chunk.Text,
            ["source"] = r.DocumentPath,
            ["page"] = r.Chunk.PageStart,
            ["page_end"] = r.Chunk.PageEnd,
            ["page_label"] = r.Chunk.PageLabel,
            ["heading"] = ProvenanceJson.Heading(r.Chunk.HeadingPath),
            ["ocr"] = ProvenanceJson.Ocr(r.Chunk.OcrConfidence),
            ["ocr_confidence"] = ProvenanceJson.OcrConfidence(r.Chunk.OcrConfidence),
            ["chunk_id"] = r.Chunk.Id.ToString(),
            ["document_id"] = r.Chunk.DocumentId,
            ["score"] = r.Score,
            ["lexical_score"] = r.LexicalScore,
            ["dense_score"] = r.DenseScore,
            ["rerank_score"] = r.RerankScore,
        }).ToList());

    private static void Print(RagHost host, IReadOnlyList<RetrievedChunk> results, string mode)
    {
        if (results.Count == 0)
        {
            host.Notice("no matching chunks");
            return;
        }
        var table = new Table().Expand()
            .AddColumn(new TableColumn("#").RightAligned())
            .AddColumn("source")
            .AddColumn(new TableColumn("page").RightAligned())
            .AddColumn(new TableColumn("score").RightAligned())
            .AddColumn("text");
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var page = r.Chunk.PageStart is { } p ? (r.Chunk.PageEnd is { } e && e != p ? $"{p}-{e}" : p.ToString(CultureInfo.InvariantCulture)) : "";
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(r.DocumentPath),
                page,
                r.Score.ToString("F4", CultureInfo.InvariantCulture),
                Markup.Escape(Snippet(r.Chunk.Text)));
        }
        table.Caption($"[grey]{Markup.Escape(mode)}[/]");
        host.Out.Write(table);
    }

    private static string Snippet(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= SnippetLength ? flat : flat[..SnippetLength].TrimEnd() + "…";
    }
}
