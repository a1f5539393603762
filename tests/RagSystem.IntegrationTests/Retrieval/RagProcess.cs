using System.Diagnostics;

namespace RagSystem.IntegrationTests.Retrieval;

/// <summary>Runs the built <c>rag</c> CLI (copied next to the test binaries) as a real process.</summary>
internal static class RagProcess
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, CancellationToken cancellationToken, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rag.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["RAG_MODELS_DIR"] = Path.Combine(workingDirectory, "no-models");
        psi.Environment["CI"] = "true";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
