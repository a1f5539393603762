using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RagSystem.Answering;
using RagSystem.Evaluation;
using Spectre.Console;

namespace RagSystem.Cli;

/// <summary><c>rag eval --qa FILE.jsonl [--qa MORE.jsonl] [--unanswerable NONE.jsonl] [--docs folder]</c>: asks a question set of the index and prints
/// source hit@k, evidence containment, answer containment and not_found precision/recall.</summary>
internal static class EvalQaRun
{
    public static async Task<int> RunAsync(RagHost host, IReadOnlyList<string> files, IReadOnlyList<string> unanswerableFiles, string? docs, int k, bool json, bool noGenerator,
        CancellationToken ct)
    {
        var items = new List<QaItem>();
        foreach (var (file, answerable) in files.Select(f => (f, true)).Concat(unanswerableFiles.Select(f => (f, false))))
        {
            try
            {
                var loaded = await QaDataset.LoadAsync(Path.GetFullPath(file), ct);
                items.AddRange(answerable ? loaded : loaded.Select(i => i with { Answerable = false }));
            }
            catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
            {
                host.Error(ex.Message);
                return ExitCodes.Error;
            }
        }
        if (items.Count == 0)
        {
            host.Error($"{string.Join(", ", files)} holds no questions.");
            return ExitCodes.Error;
        }
        if (!await AskCommand.OpenIndexAsync(host, docs, ct)) return ExitCodes.Error;
        // --extractive measures the answers a machine without a generator gives, even where one is installed.
        var answerer = noGenerator
            ? new Answerer(host.Retriever, null, host.Options.Answering, host.Models.Reranker, logger: host.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Answerer>>())
            : host.Answerer;
        host.PrintModelNotices();
        var options = new AskOptions { Retrieval = host.Options.Retrieval with { Top = k } };
        var progress = new CallbackProgress<int>(n =>
        {
            if (n % 10 == 0 || n == items.Count) host.Notice($"asked {n}/{items.Count}");
        });
        var (results, summary) = await new QuestionSetEvaluator(answerer, k).EvaluateAsync(items, options, progress, ct);
        if (json) host.WriteJson(ToJson(summary, results));
        else Print(host, summary, results);
        return ExitCodes.Success;
    }

    private static string ToJson(QaEvaluationSummary s, IReadOnlyList<QaItemResult> results) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["questions"] = s.Questions,
        ["k"] = s.K,
        ["source_hit_at_k"] = Round(s.SourceHitAtK),
        ["evidence_containment"] = Round(s.EvidenceContainment),
        ["answer_containment"] = Round(s.AnswerContainment),
        ["not_found_precision"] = Round(s.NotFoundPrecision),
        ["not_found_recall"] = Round(s.NotFoundRecall),
        ["modes"] = results.GroupBy(r => AnswerJson.ToDocument(r.Answer).Mode.ToString()).ToDictionary(g => g.Key, g => g.Count()),
    });

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    private static void Print(RagHost host, QaEvaluationSummary s, IReadOnlyList<QaItemResult> results)
    {
        foreach (var r in results.Where(r => r.Result.Metrics.Values.Any(m => m.Interpretation?.Failed == true)))
        {
            var failed = r.Result.Metrics.Values.Where(m => m.Interpretation?.Failed == true).Select(m => $"{m.Name}: {m.Reason}");
            host.Notice($"miss: {r.Item.Question} — {string.Join("; ", failed)}");
        }
        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow($"source hit@{s.K}", Format(s.SourceHitAtK));
        table.AddRow("evidence containment (cited passages)", Format(s.EvidenceContainment));
        table.AddRow("answer containment", Format(s.AnswerContainment));
        table.AddRow("not_found precision", Format(s.NotFoundPrecision));
        table.AddRow("not_found recall", Format(s.NotFoundRecall));
        table.AddRow("questions", s.Questions.ToString(CultureInfo.InvariantCulture));
        host.Out.Write(table);
    }

    private static string Format(double? value) => value is { } v ? v.ToString("P1", CultureInfo.InvariantCulture) : "n/a";
}
