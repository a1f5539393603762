using System.CommandLine;
using RagSystem.Answering;
using RagSystem.Ingestion;

namespace RagSystem.Cli;

/// <summary><c>rag ask "&lt;question&gt;"</c>: answers from the indexed documents, with numbered sources.</summary>
internal static class AskCommand
{
    private static readonly Argument<string> Question = new("question") { Description = "The question to answer" };
    private static readonly Option<string?> Docs = new("--docs") { Description = "Folder to answer from; its index is brought up to date first (incrementally)" };
    private static readonly Option<int?> Top = new Option<int?>("--top", "-k") { Description = "Passages to retrieve (default: Retrieval:Top, 8)" }.MustBePositive();
    private static readonly Option<bool> Json = new("--json") { Description = "Print the answer, mode, citations and timings as JSON" };
    private static readonly Option<bool> NoStream = new("--no-stream") { Description = "Print the answer when complete instead of as it is generated" };

    public static Command Create()
    {
        var command = new Command("ask", "Answer a question from your documents, citing file and page.") { Question, Docs, Top, Json, NoStream };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = RagHost.Create(parse);
            var json = parse.GetValue(Json);
            if (!await OpenIndexAsync(host, parse.GetValue(Docs), ct)) return ExitCodes.Error;

            var answerer = host.Answerer;
            host.PrintModelNotices();
            var options = new AskOptions { Retrieval = host.Options.Retrieval with { Top = parse.GetValue(Top) ?? host.Options.Retrieval.Top } };
            var question = parse.GetValue(Question)!;

            if (json)
            {
                host.WriteJson(AnswerJson.Serialize(await answerer.AskAsync(question, options, ct)));
                return ExitCodes.Success;
            }
            Answer? answer = null;
            if (parse.GetValue(NoStream) || !answerer.HasGenerator)
            {
                answer = await answerer.AskAsync(question, options, ct);
                Console.Out.WriteLine(answer.Text);
            }
            else
            {
                await foreach (var update in answerer.AskStreamingAsync(question, options, ct))
                {
                    if (update.Text is { } piece) Console.Out.Write(piece);
                    answer = update.Answer ?? answer;
                }
                Console.Out.WriteLine();
            }
            AnswerPrinter.PrintSources(host, answer!);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Makes sure there is an index to answer from. With <paramref name="docs"/>, first brings it up to date with that
    /// folder, quietly unless there is work to do (files that failed before with the same bytes are not read again, so a slow
    /// file does not cost its timeout on every question). Returns false after printing an error when there is nothing to
    /// answer from.</summary>
    internal static async Task<bool> OpenIndexAsync(RagHost host, string? docs, CancellationToken ct)
    {
        if (docs is null) return await host.RequireIndexAsync("pass --docs <folder>, or run `rag ingest <folder>` first", ct);
        var folder = Path.GetFullPath(docs);
        if (!Directory.Exists(folder) && !File.Exists(folder))
        {
            host.Error($"the folder '{folder}' does not exist");
            return false;
        }
        if (!IndexedRoot.Matches(host.Options.DataDirectory, folder))
        {
            host.Error($"the index in {host.Options.DataDirectory} was built from {IndexedRoot.Read(host.Options.DataDirectory)}; " +
                $"pass --data <another folder> to answer from {folder}, or run `rag ingest {folder} --replace`");
            return false;
        }
        using var writeLock = await IngestionLock.AcquireAsync(host.Options.DataDirectory, wait: true,
            holder => host.Notice($"waiting for {holder} to finish writing the index…"), ct);
        await host.VerifyIndexAsync(ct);
        IndexedRoot.Write(host.Options.DataDirectory, folder);
        var progress = new QuietUntilWorkProgress(Console.Error);
        var report = await host.IngestionPipeline.SyncFolderAsync(folder, new IngestionRunOptions { ExcludedDirectory = host.Options.DataDirectory }, progress, ct);
        if (!report.NothingChanged || report.Failed.Count > 0)
        {
            host.Notice($"index updated: {report.Added} added, {report.Updated} updated, {report.Removed} removed, {report.Unchanged} unchanged" +
                (report.Failed.Count > 0 ? $", {report.Failed.Count} could not be read (see `rag ingest {docs}`)" : ""));
        }
        return true;
    }
}
