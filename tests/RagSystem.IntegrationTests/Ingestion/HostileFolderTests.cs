using System.Diagnostics;
using System.Text.Json;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Ingestion;

/// <summary>Issue 14's hostile folder through the real CLI: <c>rag ingest</c> finishes in bounded time and memory,
/// reports each bad item with its reason, and ingests every good file.</summary>
public sealed class HostileFolderTests(ITestOutputHelper output) : IDisposable
{
    private const long PeakLimitBytes = 500L * 1024 * 1024;

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"rag-hostile-{Guid.NewGuid():N}");
    private readonly TempDirectory _data = new();

    public void Dispose()
    {
        HostileFiles.ForceDelete(_root);
        _data.Dispose();
    }

    [Fact]
    public async Task Hostile_folder_ingests_every_good_file_reports_each_bad_one_and_peaks_under_500_MB()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("FIFOs, /dev/zero, undecodable names and /proc peak memory are Linux cases");
        var good = WriteFolder();

        var clock = Stopwatch.StartNew();
        var (run, peak) = await RunMeasuredAsync(["ingest", _root, "--data", _data.Path, "--json"],
            new Dictionary<string, string> { ["RAG__Ingestion__FollowSymlinksOutsideRoot"] = "true" });
        output.WriteLine($"{run}\npeak memory {peak / (1024 * 1024)} MB, {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(peak > 0 && peak < PeakLimitBytes, $"peak memory {peak / (1024 * 1024)} MB");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"took {clock.Elapsed}");
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal(good, json.RootElement.GetProperty("added").GetInt32());
        var failed = json.RootElement.GetProperty("failed").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("reason").GetString()!);
        ExpectFailure(failed, "zero.txt", "not a regular file (it is a character device)");
        ExpectFailure(failed, "pipe.txt", "not a regular file (it is a named pipe (FIFO))");
        ExpectFailure(failed, "to-pipe.txt", "named pipe");
        ExpectFailure(failed, "loop.txt", "symlink loop");
        ExpectFailure(failed, "bomb.docx", "too large when decompressed");
        ExpectFailure(failed, "bad\\uFFFDname.txt", "not valid UTF-8");
        ExpectFailure(failed, "markers.md", "nests lists or quotes more than 64 levels");
        ExpectFailure(failed, "deep.html", "nests HTML elements more than 1000 deep");
        ExpectFailure(failed, "noise.html", "is not a valid HTML file");
        ExpectFailure(failed, "empty.txt", "empty");
        Assert.Contains(failed, f => f.Key.StartsWith("nest/", StringComparison.Ordinal) && f.Value.Contains("longer than the system allows", StringComparison.Ordinal));
        if (!HostileFiles.IsRoot) ExpectFailure(failed, "noaccess.txt", "ermission");
        Assert.Equal(HostileFiles.IsRoot ? 11 : 12, failed.Count);
    }

    private static void ExpectFailure(Dictionary<string, string> failed, string path, string reason)
    {
        Assert.True(failed.TryGetValue(path, out var actual), $"{path} is not reported; reported: {string.Join(", ", failed.Keys)}");
        Assert.Contains(reason, actual);
    }

    /// <summary>Writes the folder and returns how many of its files are good.</summary>
    private int WriteFolder()
    {
        Directory.CreateDirectory(_root);
        SyntheticCorpus.Write(Path.Combine(_root, "good"), 10);
        File.WriteAllText(Path.Combine(_root, "page.html"), "<!doctype html><html><head><title>Page</title></head><body><main><h1>Page</h1><p>A good page about attention and tokens, long enough to be the content.</p></main></body></html>");
        File.WriteAllBytes(Path.Combine(_root, "latin1.txt"), [.. "Caf"u8, 0xE9, .. " cr"u8, 0xE8, .. "me br"u8, 0xFB, .. "l"u8, 0xE9, .. "e is not UTF-8 but is text.\n"u8]);
        File.WriteAllText(Path.Combine(_root, "empty.txt"), "");
        File.CreateSymbolicLink(Path.Combine(_root, "zero.txt"), "/dev/zero");
        HostileFiles.MakeFifo(Path.Combine(_root, "pipe.txt"));
        File.CreateSymbolicLink(Path.Combine(_root, "to-pipe.txt"), Path.Combine(_root, "pipe.txt"));
        File.CreateSymbolicLink(Path.Combine(_root, "loop.txt"), Path.Combine(_root, "loop.txt"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "good", "up"), _root);
        HostileFiles.WriteZipBombDocx(Path.Combine(_root, "bomb.docx"), 1100L << 20);
        HostileFiles.WriteUndecodableName(_root, "a name that is not UTF-8");
        Directory.CreateDirectory(Path.Combine(_root, "nest"));
        HostileFiles.WriteBeyondPathMax(Path.Combine(_root, "nest"));
        File.WriteAllText(Path.Combine(_root, "markers.md"), HostileFiles.NestedMarkdownListMarkers(10 << 20));
        File.WriteAllText(Path.Combine(_root, "deep.html"), HostileFiles.NestedHtml(100_000));
        var noise = new byte[64 * 1024];
        new Random(14).NextBytes(noise);
        File.WriteAllBytes(Path.Combine(_root, "noise.html"), noise);
        var noAccess = Path.Combine(_root, "noaccess.txt");
        File.WriteAllText(noAccess, "secret");
        File.SetUnixFileMode(noAccess, UnixFileMode.None);
        // As root the chmod-000 file is readable and therefore good.
        return 10 + 2 + (HostileFiles.IsRoot ? 1 : 0);
    }

    /// <summary>Runs rag and samples the child's peak resident memory (VmHWM) from /proc while it runs.</summary>
    private static async Task<(RagRun Run, long PeakBytes)> RunMeasuredAsync(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        using var process = RagProcess.Start(args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (!process.HasExited)
        {
            peak = Math.Max(peak, ReadPeak(process.Id));
            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"rag {string.Join(' ', args)} did not finish within 3 minutes; stderr: {await stderr}");
            }
        }
        await process.WaitForExitAsync();
        return (new RagRun(process.ExitCode, await stdout, await stderr), peak);
    }

    private static long ReadPeak(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException)
        {
            return 0; // the process ended between the check and the read
        }
    }
}
