using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RagSystem.Evaluation;
using RagSystem.Qdrant;
using RagSystem.Storage;
using Spectre.Console;

namespace RagSystem.Cli;

/// <summary><c>rag eval --beir &lt;dir&gt;</c>: retrieval quality on a BEIR dataset (nDCG@10, Recall@10/100, MRR@10);
/// <c>rag eval --qa FILE.jsonl</c>: answer quality on a question set over the index (see <see cref="EvalQaRun"/>).</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var beir = new Option<string?>("--beir") { Description = "BEIR folder with corpus.jsonl, queries.jsonl and qrels/<split>.tsv" };
        var qa = new Option<string[]>("--qa") { Description = "Question set (JSON Lines: question, answer?, expected_source?, must_contain?, answerable?) to ask of the index; repeatable", AllowMultipleArgumentsPerToken = false };
        var unanswerable = new Option<string[]>("--unanswerable") { Description = "With --qa: question set whose every line must be answered not_found (as if \"answerable\": false); repeatable" };
        var docs = new Option<string?>("--docs") { Description = "With --qa: folder to answer from; its index is brought up to date first" };
        var k = new Option<int?>("--k") { Description = "With --qa: passages retrieved per question, and the k of source hit@k (default Retrieval:Top, 8)" };
        var extractive = new Option<bool>("--extractive") { Description = "With --qa: answer extractively even when a generator is installed" };
        var split = new Option<string>("--split") { Description = "Qrels split to evaluate", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("test", "train", "dev");
        var top = new Option<int?>("--top") { Description = "Candidates taken from each side (lexical, dense) before fusion (default: Retrieval:CandidatesPerSide, 100)" };
        var json = new Option<bool>("--json") { Description = "Print the metrics as one JSON object" };
        var rerank = new Option<bool>("--rerank") { Description = "Rerank the fused candidates with the reranker model" };
        var command = new Command("eval", "Measure retrieval quality on a BEIR dataset (indexed into a throwaway store), or answer quality on your own question set (--qa).")
        {
            beir, qa, unanswerable, docs, k, extractive, split, top, json, rerank,
        };
        command.Validators.Add(result =>
        {
            var hasBeir = result.GetValue(beir) is not null;
            var hasQa = result.GetValue(qa) is { Length: > 0 };
            if (hasBeir == hasQa) result.AddError("pass either --beir <folder> or --qa <file.jsonl>");
        });
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            await using var host = RagHost.Create(parse);
            if (parse.GetValue(qa) is { Length: > 0 } questionSets)
            {
                var passages = parse.GetValue(k) ?? host.Options.Retrieval.Top;
                if (passages <= 0)
                {
                    host.Error("--k must be positive.");
                    return ExitCodes.Usage;
                }
                return await EvalQaRun.RunAsync(host, questionSets, parse.GetValue(unanswerable) ?? [], parse.GetValue(docs), passages, parse.GetValue(json),
                    parse.GetValue(extractive), ct);
            }
            var directory = Path.GetFullPath(parse.GetValue(beir)!);
            if (!Directory.Exists(directory))
            {
                host.Error($"{directory} does not exist; pass a BEIR folder with corpus.jsonl, queries.jsonl and qrels/.");
                return ExitCodes.Error;
            }
            if (parse.GetValue(top) is <= 0)
            {
                host.Error("--top must be positive.");
                return ExitCodes.Usage;
            }
            var models = host.Models;
            var reranker = parse.GetValue(rerank) ? models.Reranker : null;
            var generator = models.EmbeddingGenerator;
            host.PrintModelNotices();
            if (parse.GetValue(rerank) && reranker is null)
            {
                host.Error($"--rerank needs a cross-encoder in {host.Options.RerankerModelDirectory}; run `rag models pull` for a reranker (see `rag models list`)");
                return ExitCodes.Error;
            }
            // The configured store kind and retrieval settings (Store:*, Retrieval:*), so eval measures what ask and search run.
            var options = new BeirEvaluationOptions { Split = parse.GetValue(split)!, Store = host.Options.Store.Sqlite };
            options.Retrieval = host.Options.Retrieval with
            {
                CandidatesPerSide = parse.GetValue(top) ?? host.Options.Retrieval.CandidatesPerSide,
                Rerank = reranker is not null,
            };
            IChunkStore? evaluationStore = null;
            if (!host.UsesSqliteStore)
                options.CreateStore = work => evaluationStore = host.CreateEvaluationStore(work);
            // A line every 500 items or 10 seconds, whichever comes first: embedding a corpus takes minutes on a CPU.
            var (lastStage, lastDone, lastTime) = ("", 0, DateTime.UtcNow);
            var progress = new CallbackProgress<BeirEvaluationProgress>(p =>
            {
                var now = DateTime.UtcNow;
                if (p.Stage == lastStage && p.Done - lastDone < 500 && now - lastTime < TimeSpan.FromSeconds(10) && p.Done != p.Total) return;
                (lastStage, lastDone, lastTime) = (p.Stage, p.Done, now);
                host.Notice($"{p.Stage}: {p.Done}{(p.Total is { } t ? "/" + t.ToString(CultureInfo.InvariantCulture) : "")}");
            });
            try
            {
                var evaluator = new BeirEvaluator(generator, reranker, host.LoggerFactory);
                var result = await evaluator.EvaluateAsync(directory, options, progress, ct);
                if (parse.GetValue(json)) host.WriteJson(ToJson(result));
                else Print(host, result, options.Split);
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
            {
                host.Error(ex.Message);
                return ExitCodes.Error;
            }
            finally
            {
                // A throwaway Qdrant collection would otherwise outlive the run on the server.
                if (evaluationStore is QdrantChunkStore qdrant) await qdrant.DropCollectionAsync(CancellationToken.None);
            }
        });
        return command;
    }

    private static string ToJson(BeirEvaluationResult r)
    {
        var values = new Dictionary<string, object>
        {
            ["ndcg_at_10"] = Math.Round(r.NdcgAt10, 5),
            ["recall_at_10"] = Math.Round(r.RecallAt10, 5),
            ["recall_at_100"] = Math.Round(r.RecallAt100, 5),
            ["mrr_at_10"] = Math.Round(r.MrrAt10, 5),
            ["queries"] = r.Queries,
            ["mode"] = r.Mode,
            ["seconds"] = Math.Round(r.Seconds, 2),
            ["ingest_seconds"] = Math.Round(r.IngestSeconds, 2),
            ["query_ms_p50"] = Math.Round(r.QueryMillisecondsP50, 2),
            ["query_ms_p95"] = Math.Round(r.QueryMillisecondsP95, 2),
        };
        return JsonSerializer.Serialize(values);
    }

    private static void Print(RagHost host, BeirEvaluationResult r, string split)
    {
        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("nDCG@10", r.NdcgAt10.ToString("F4", CultureInfo.InvariantCulture));
        table.AddRow("Recall@10", r.RecallAt10.ToString("F4", CultureInfo.InvariantCulture));
        table.AddRow("Recall@100", r.RecallAt100.ToString("F4", CultureInfo.InvariantCulture));
        table.AddRow("MRR@10", r.MrrAt10.ToString("F4", CultureInfo.InvariantCulture));
        table.AddRow("queries", r.Queries.ToString(CultureInfo.InvariantCulture));
        table.AddRow("split", Markup.Escape(split));
        table.AddRow("mode", Markup.Escape(r.Mode));
        table.AddRow("seconds (of which ingest)", $"{r.Seconds.ToString("F1", CultureInfo.InvariantCulture)} ({r.IngestSeconds.ToString("F1", CultureInfo.InvariantCulture)})");
        table.AddRow("query ms p50 / p95", $"{r.QueryMillisecondsP50.ToString("F1", CultureInfo.InvariantCulture)} / {r.QueryMillisecondsP95.ToString("F1", CultureInfo.InvariantCulture)}");
        host.Out.Write(table);
    }
}
