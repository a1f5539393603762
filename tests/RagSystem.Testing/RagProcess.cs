using System.Diagnostics;
using System.Text;

namespace RagSystem.Testing;

/// <summary>Runs the real <c>rag</c> CLI (rag.dll copied beside the test binaries) as a child process.</summary>
public static class RagProcess
{
    /// <summary>Path of rag.dll next to the test assembly.</summary>
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "rag.dll");

    /// <summary>Starts <c>dotnet rag.dll args</c> with redirected output and no stdin, CI=true.</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? standardInput = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(DllPath);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["CI"] = "true";
        psi.Environment["RAG_MODELS_DIR"] = Path.Combine(Path.GetTempPath(), "rag-no-models-" + Guid.NewGuid().ToString("N"));
        if (environment is not null) foreach (var (k, v) in environment) psi.Environment[k] = v;
        var process = Process.Start(psi)!;
        if (standardInput is not null) process.StandardInput.Write(standardInput);
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Runs to completion (or fails the caller after <paramref name="timeout"/>) and captures the output.</summary>
    public static async Task<RagRun> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null,
        string? standardInput = null)
    {
        using var process = Start(args, environment, standardInput);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rag {string.Join(' ', args)} did not finish within {timeout ?? TimeSpan.FromMinutes(3)}; stderr so far: {await stderr}");
        }
        return new RagRun(process.ExitCode, await stdout, await stderr);
    }
}
