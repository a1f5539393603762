using System.CommandLine;

namespace RagSystem.Cli;

/// <summary>Builds the <c>rag</c> command tree and runs it.</summary>
internal static class RagCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("rag: ask questions over your own documents, fully local.");
        root.Options.Add(GlobalOptions.Data);
        root.Options.Add(GlobalOptions.Models);
        root.Options.Add(GlobalOptions.Verbose);
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(AskCommand.Create());
        root.Subcommands.Add(SearchCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args)
    {
        var root = Build();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is null)
        {
            foreach (var e in parse.Errors) Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync();
    }
}
