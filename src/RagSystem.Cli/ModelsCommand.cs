using System.CommandLine;

namespace RagSystem.Cli;

/// <summary><c>rag models</c>: list the built-in model catalogue and pull models from Hugging Face.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List and download the ONNX models rag uses (embedding, generator, reranker)");
        command.Subcommands.Add(ModelsListCommand.Create());
        command.Subcommands.Add(ModelsPullCommand.Create());
        return command;
    }

    /// <summary>A byte count for people: <c>134 MB</c>, <c>2.7 GB</c>.</summary>
    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1_000_000_000 => $"{bytes / 1e9:0.0} GB",
        >= 1_000_000 => $"{bytes / 1e6:0} MB",
        >= 1_000 => $"{bytes / 1e3:0} kB",
        _ => $"{bytes} B",
    };
}
