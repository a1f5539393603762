using System.Diagnostics;

namespace RagSystem.Testing;

/// <summary>Random-weight models with real architectures, written by <c>shared/tools/forge/forge.py</c>
/// into a cache folder on first use (python3 with the onnx and numpy packages is needed).</summary>
public static class ForgeModels
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Cache root: <c>$RAG_FORGE_CACHE</c>, else <c>/tmp/rag-forge</c>.</summary>
    public static string CacheDirectory =>
        Environment.GetEnvironmentVariable("RAG_FORGE_CACHE") is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "rag-forge");

    /// <summary>Returns the folder of a forged model (building it when missing), or a skip reason.</summary>
    /// <param name="kind">forge kind: minilm-l6, bge-small, llama-135m, llama-0.5b, tiny-llama.</param>
    /// <param name="extraArgs">extra forge flags, such as <c>--flat</c> or <c>--dtype fp16</c>.</param>
    public static async Task<(string? Directory, string? SkipReason)> EnsureAsync(string kind, string extraArgs = "", CancellationToken cancellationToken = default)
    {
        var forge = SharedData.Find("tools", "forge", "forge.py");
        if (forge is null) return (null, SharedData.MissingReason("tools", "forge", "forge.py"));
        var name = kind + (string.IsNullOrWhiteSpace(extraArgs) ? "" : "_" + string.Concat(extraArgs.Where(char.IsLetterOrDigit)));
        var target = Path.Combine(CacheDirectory, name);
        var marker = Path.Combine(target, "forge.json");
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(marker)) return (target, null);
            var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            var staging = target + ".partial-" + Environment.ProcessId;
            if (System.IO.Directory.Exists(staging)) System.IO.Directory.Delete(staging, true);
            var psi = new ProcessStartInfo(python, $"\"{forge}\" \"{staging}\" --kind {kind} {extraArgs}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                var err = await stderr;
                return (null, err.Contains("No module named", StringComparison.Ordinal)
                    ? "forge needs python3-onnx and python3-numpy (apt-get install -y python3-onnx python3-numpy)"
                    : $"forge.py --kind {kind} failed: {err.Trim().Split('\n')[^1]}");
            }
            try
            {
                System.IO.Directory.Move(staging, target);
            }
            catch (IOException) when (File.Exists(marker))
            {
                // Another test process forged the same model first; theirs is identical (fixed seed).
                System.IO.Directory.Delete(staging, true);
            }
            return (target, null);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (null, $"cannot run python3 for forge: {ex.Message}");
        }
        finally
        {
            Gate.Release();
        }
    }
}
