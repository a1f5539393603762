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
        root.Subcommands.Add(ChatCommand.Create());
        root.Subcommands.Add(SearchCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(IndexCommand.Create());
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Build().Parse(args);
        // System.CommandLine attaches its own error action (which prints the whole help and returns 1) whenever the command line
        // has errors, so they are handled before invoking: one line and exit code 2.
        if (parse.Errors.Count > 0)
        {
            var names = new List<string>();
            for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult) names.Insert(0, result.Command.Name);
            var command = string.Join(' ', names);
            Console.Error.WriteLine($"error: {string.Join("; ", parse.Errors.Select(e => e.Message))} (see `{command} --help`)");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            return CommandErrors.Report(ex, parse.GetValue(GlobalOptions.Verbose));
        }
    }

    /// <summary>Adds a check that <paramref name="option"/>, when given, is at least 1, as a command-line error (exit code 2).</summary>
    public static T MustBePositive<T>(this T option) where T : Option<int?>
    {
        option.Validators.Add(result =>
        {
            // Reading the value of a token that does not parse throws; that token already has its own parse error.
            if (result.Tokens is [var token] && int.TryParse(token.Value, System.Globalization.CultureInfo.InvariantCulture, out var value) && value <= 0)
                result.AddError($"{option.Name} must be positive.");
        });
        return option;
    }
}
