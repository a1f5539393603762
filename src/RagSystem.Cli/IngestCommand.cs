using System.CommandLine;
using System.Text.Json;
using RagSystem.Ingestion;
using RagSystem.Storage;
using Spectre.Console;

namespace RagSystem.Cli;

/// <summary><c>rag ingest &lt;folder&gt;</c>: brings the index up to date with a folder.</summary>
internal static class IngestCommand
{
    private static readonly Argument<string> Folder = new("folder") { Description = "Folder (or single file) to ingest" };
    private static readonly Option<bool> Json = new("--json") { Description = "Print only the summary, as JSON, to stdout" };
    private static readonly Option<string?> PdfPassword = new("--pdf-password") { Description = "Password to try on encrypted PDFs" };
    private static readonly Option<bool> Replace = new("--replace") { Description = "Let this folder replace the one the index was built from (removes that folder's documents)" };
    private static readonly Option<bool> RetryFailed = new("--retry-failed")
    {
        Description = "Parse again files that failed before with the same bytes (normally reported as unchanged-failed and skipped)",
    };
    private static readonly Option<bool> Wait = new("--wait") { Description = "If another process is writing the index, wait for it instead of refusing" };

    public static Command Create()
    {
        var command = new Command("ingest", "Read a folder (PDF, Markdown, HTML, DOCX, text), chunk and embed it into the index. " +
            "Re-running only touches what changed; files that fail are reported and the rest go on.")
        {
            Folder, Json, PdfPassword, Replace, RetryFailed, Wait,
        };
        command.SetAction(async (parse, ct) =>
        {
            var password = parse.GetValue(PdfPassword);
            await using var host = RagHost.Create(parse, o => { if (password is not null) o.Pdf.Password = password; });
            var json = parse.GetValue(Json);
            var folder = Path.GetFullPath(parse.GetValue(Folder)!);
            if (!Directory.Exists(folder) && !File.Exists(folder))
            {
                host.Error($"the folder '{folder}' does not exist");
                return ExitCodes.Error;
            }
            if (!parse.GetValue(Replace) && !IndexedRoot.Matches(host.Options.DataDirectory, folder))
            {
                host.Error($"the index in {host.Options.DataDirectory} mirrors {IndexedRoot.Read(host.Options.DataDirectory)}; ingesting {folder} " +
                    "would remove that folder's documents. Use another --data folder, or pass --replace.");
                return ExitCodes.Error;
            }
            using var writeLock = await IngestionLock.AcquireAsync(host.Options.DataDirectory, parse.GetValue(Wait),
                holder => host.Notice($"waiting for {holder} to finish writing the index…"), ct);
            await host.VerifyIndexAsync(ct);
            var report = await IngestAsync(host, folder, quiet: json, parse.GetValue(RetryFailed), ct);
            if (json) host.WriteJson(JsonSerializer.Serialize(IngestionReportJson.From(report), IngestionReportJson.Options));
            else PrintSummary(host, report);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Runs ingestion with progress on stderr: a live bar on a terminal, plain lines otherwise, nothing when quiet.</summary>
    public static async Task<IngestionReport> IngestAsync(RagHost host, string folder, bool quiet, bool retryFailed, CancellationToken ct)
    {
        var report = await RunPipelineAsync(host, folder, quiet, retryFailed, ct);
        // The first search would otherwise bring the lexical index up to date with everything just written.
        if (host.Store is SqliteChunkStore store) await store.RefreshLexicalIndexAsync(ct);
        return report;
    }

    private static async Task<IngestionReport> RunPipelineAsync(RagHost host, string folder, bool quiet, bool retryFailed, CancellationToken ct)
    {
        var pipeline = host.IngestionPipeline;
        host.PrintModelNotices();
        var options = new IngestionRunOptions { ExcludedDirectory = host.Options.DataDirectory, RetryFailed = retryFailed };
        IndexedRoot.Write(host.Options.DataDirectory, folder);
        if (quiet) return await pipeline.SyncFolderAsync(folder, options, null, ct);
        if (!RagHost.IsInteractive)
            return await pipeline.SyncFolderAsync(folder, options, new PlainProgressWriter(Console.Error), ct);

        IngestionReport? report = null;
        await host.Err.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("scanning", maxValue: 1);
                var progress = new CallbackProgress<IngestionProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.FilesTotal);
                    task.Value = p.FilesDone;
                    task.Description = Markup.Escape($"{p.FilesDone}/{p.FilesTotal} files, {p.ChunksWritten} chunks  {Shorten(p.CurrentFile, 40)}");
                });
                report = await pipeline.SyncFolderAsync(folder, options, progress, ct);
                task.Value = task.MaxValue;
            });
        return report!;
    }

    private static void PrintSummary(RagHost host, IngestionReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Ingestion summary");
        table.AddColumns("added", "updated", "unchanged", "removed", "failed", "unchanged-failed", "chunks written", "seconds");
        table.AddRow($"{report.Added}", $"{report.Updated}", $"{report.Unchanged}", $"{report.Removed}",
            report.Failed.Count == 0 ? "0" : $"[yellow]{report.Failed.Count}[/]", $"{report.UnchangedFailed.Count}", $"{report.Chunks}",
            $"{report.Elapsed.TotalSeconds:0.0}");
        host.Out.Write(table);
        if (report.UnchangedFailed.Count > 0)
        {
            host.Out.MarkupLine($"[grey]{report.UnchangedFailed.Count} file(s) failed before with the same bytes and were not read again " +
                "(they are retried when they change, or with --retry-failed).[/]");
        }
        if (report.Failed.Count > 0)
        {
            var failures = new Table().Border(TableBorder.Simple).AddColumns("file", "problem", "reason");
            foreach (var f in report.Failed) failures.AddRow(Markup.Escape(f.Path), f.Kind.ToString(), Markup.Escape(f.Reason));
            host.Out.Write(failures);
            host.Out.MarkupLine($"[yellow]{report.Failed.Count} file(s) could not be ingested (listed above); everything else was.[/]");
        }
        host.Out.MarkupLine(report.EmbeddingModel is null
            ? "[grey]Index is lexical-only (no embedding model).[/]"
            : $"[grey]Embeddings: {Markup.Escape(report.EmbeddingModel)}[/]");
    }

    private static string Shorten(string path, int max) => path.Length <= max ? path : "…" + path[^(max - 1)..];
}
