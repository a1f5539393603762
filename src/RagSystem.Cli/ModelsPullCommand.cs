using System.CommandLine;
using Microsoft.Extensions.Logging;
using RagSystem.Models;
using Spectre.Console;

namespace RagSystem.Cli;

/// <summary><c>rag models pull &lt;name&gt; [--endpoint URL] [--force]</c>: downloads a catalogued model into its role folder.</summary>
internal static class ModelsPullCommand
{
    private static readonly Argument<string> Name = new("name") { Description = "Model name, as `rag models list` shows it" };

    private static readonly Option<string?> Endpoint = new("--endpoint")
    {
        Description = "Hugging Face compatible base URL (default: $RAG_HF_ENDPOINT, else $HF_ENDPOINT, else https://huggingface.co)",
    };

    private static readonly Option<bool> Force = new("--force") { Description = "Download again even when the model is installed" };

    public static Command Create()
    {
        var command = new Command("pull", "Download a model from Hugging Face (resumable, SHA-256 checked where a checksum is known, swapped in atomically)");
        command.Arguments.Add(Name);
        command.Options.Add(Endpoint);
        command.Options.Add(Force);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            using var host = RagHost.Create(parse);
            var name = parse.GetValue(Name)!;
            if (ModelCatalog.Find(name) is not { } entry)
            {
                host.Error($"unknown model '{name}'; known models: {string.Join(", ", ModelCatalog.Names)}");
                return ExitCodes.Usage;
            }
            var options = new ModelDownloadOptions
            {
                Endpoint = ModelDownloadOptions.ResolveEndpoint(parse.GetValue(Endpoint), Environment.GetEnvironmentVariable),
            };
            using var http = ModelDownloader.CreateHttpClient();
            var downloader = new ModelDownloader(http, options, host.LoggerFactory.CreateLogger<ModelDownloader>());
            var force = parse.GetValue(Force);
            host.Notice($"pulling {entry.Name} (~{ModelsCommand.FormatSize(entry.ApproximateSize)}, {entry.License}) from {options.Endpoint}/{entry.Repository}");
            try
            {
                var result = RagHost.IsInteractive
                    ? await PullWithProgressBarsAsync(host, downloader, entry, force, ct)
                    : await downloader.PullAsync(entry, host.Options.ModelsDirectory, force, PlainProgress(host), ct);
                if (result.AlreadyInstalled)
                    host.Out.MarkupLineInterpolated($"{entry.Name} is already installed in {result.InstalledDirectory} (use --force to download it again)");
                else
                    host.Out.MarkupLineInterpolated($"[green]installed[/] {entry.Name} into {result.InstalledDirectory} ({ModelsCommand.FormatSize(result.BytesDownloaded)} downloaded)");
                foreach (var file in result.UnverifiedFiles)
                    host.Notice($"unverified: {file} (no published SHA-256 to check it against; the computed one is recorded in {ModelDownloadManifest.FileName})");
                if (result.ReplacedModel is { } replaced && !string.Equals(replaced, entry.Name, StringComparison.OrdinalIgnoreCase))
                    host.Notice($"replaced {replaced}, which was in that folder");
                return ExitCodes.Success;
            }
            catch (ModelDownloadException ex)
            {
                host.Error(ex.Message);
                return ExitCodes.Error;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                host.Error("pull interrupted; run the same command again to resume");
                return ExitCodes.Cancelled;
            }
        });
        return command;
    }

    private static async Task<ModelPullResult> PullWithProgressBarsAsync(RagHost host, ModelDownloader downloader, ModelCatalogEntry entry,
        bool force, CancellationToken ct)
    {
        return await host.Err.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async context =>
            {
                var tasks = entry.Files.Select(f => context.AddTask(Markup.Escape(f.LocalPath), autoStart: false)).ToArray();
                var progress = new CallbackProgress<DownloadProgress>(p =>
                {
                    var task = tasks[p.FileIndex];
                    if (!task.IsStarted) task.StartTask();
                    // Unknown sizes show an indeterminate bar until the file completes.
                    task.IsIndeterminate = p.BytesTotal is null;
                    if (p.BytesTotal is { } total) task.MaxValue = Math.Max(total, 1);
                    task.Value = p.BytesReceived;
                    if (p.IsComplete) task.StopTask();
                });
                return await downloader.PullAsync(entry, host.Options.ModelsDirectory, force, progress, ct);
            });
    }

    private static CallbackProgress<DownloadProgress> PlainProgress(RagHost host)
    {
        var lastTenth = -1;
        var lastFile = -1;
        return new CallbackProgress<DownloadProgress>(p =>
        {
            if (p.FileIndex != lastFile) (lastFile, lastTenth) = (p.FileIndex, -1);
            var tenth = p.BytesTotal is { } total and > 0 ? (int)(p.BytesReceived * 10 / total) : -1;
            // One line per completed file and per 10% of a large file keeps CI logs short.
            if (p.IsComplete)
                host.Notice($"[{p.FileIndex + 1}/{p.FileCount}] {p.File}: {ModelsCommand.FormatSize(p.BytesReceived)} done");
            else if (tenth > lastTenth && p.BytesTotal > 10_000_000)
                host.Notice($"[{p.FileIndex + 1}/{p.FileCount}] {p.File}: {tenth * 10}% of {ModelsCommand.FormatSize(p.BytesTotal.Value)}");
            if (!p.IsComplete && tenth > lastTenth) lastTenth = tenth;
        });
    }
}
