using System.CommandLine;
using RagSystem.Documents;
using RagSystem.Generation;
using RagSystem.Models;
using RagSystem.Storage;

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
        root.Subcommands.Add(IndexCommand.Create());
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is null)
        {
            foreach (var e in parse.Errors) Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (IsUserFacing(ex))
        {
            // Errors that say what to do: one line, no stack trace.
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Error;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            // SQLite errors are about the index file, never a bug to report: damage gets the way back, the rest SQLite's words.
            Console.Error.WriteLine(IndexDamagedException.IsDamageCode(ex.SqliteErrorCode)
                ? $"error: the index is damaged ({ex.Message}); run `rag index check` for details and `rag index rebuild` to rebuild it"
                : $"error: the index could not be used: {ex.Message}");
            return ExitCodes.Error;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            if (parse.GetValue(GlobalOptions.Verbose)) Console.Error.WriteLine(ex);
            else Console.Error.WriteLine("(this looks like a bug; run again with --verbose for details and report it)");
            return ExitCodes.Error;
        }
    }

    private static bool IsUserFacing(Exception ex) =>
        ex is RagConfigurationException or StoreSchemaException or IndexDamagedException or Ingestion.IngestionLockedException or DocumentReadException or ContextWindowExceededException or DecoderModelException
            or ModelDownloadException or DirectoryNotFoundException or FileNotFoundException or UnauthorizedAccessException or IOException
            or Onnx.ModelFolderException or Onnx.OnnxModelLoadException;
}
