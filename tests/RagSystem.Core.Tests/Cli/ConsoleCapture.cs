using RagSystem.Cli;

namespace RagSystem.Core.Tests.Cli;

/// <summary>Runs <c>rag</c> in-process with stdout and stderr captured. Callers belong to <see cref="ConsoleCaptureCollection"/>.</summary>
internal static class ConsoleCapture
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var (previousOut, previousErr) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var code = await RagCommandLine.InvokeAsync(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousErr);
        }
    }

    public static async Task<(int Code, string Err)> ReportAsync(Exception exception)
    {
        var previous = Console.Error;
        using var stderr = new StringWriter();
        Console.SetError(stderr);
        try
        {
            var code = CommandErrors.Report(exception, verbose: false);
            await stderr.FlushAsync();
            return (code, stderr.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }
}
