using Microsoft.Data.Sqlite;

namespace RagSystem.Cli;

/// <summary>The one place an exception escaping a command becomes an exit code and one line on stderr.</summary>
internal static class CommandErrors
{
    /// <summary>Prints <paramref name="exception"/> and returns the exit code. A <see cref="RagException"/> says what to do, so
    /// its message is the whole story; so do the environment's own failures (a file system or database error). Anything
    /// else is a bug in rag: the stack trace is printed with <c>--verbose</c>.</summary>
    public static int Report(Exception exception, bool verbose)
    {
        switch (exception)
        {
            case OperationCanceledException:
                Console.Error.WriteLine("cancelled");
                return ExitCodes.Cancelled;
            case RagException rag:
                Console.Error.WriteLine($"error: {rag.Message}");
                return ExitCodes.For(rag.ErrorKind);
            case SqliteException sqlite when Storage.IndexDamagedException.IsDamageCode(sqlite.SqliteErrorCode):
                // Damage met by a query (past what the bounded check at open reached): say how to get back.
                Console.Error.WriteLine($"error: the index is damaged ({sqlite.Message}); run `rag index check` for details and " +
                    "`rag index rebuild` to rebuild it");
                return ExitCodes.Error;
            case SqliteException sqlite:
                // The database said no (locked, full disk, read-only, damaged file): the store's problem, not a bug in rag.
                Console.Error.WriteLine($"error: the index database failed: {sqlite.Message}");
                return ExitCodes.Error;
            case IOException or UnauthorizedAccessException:
                Console.Error.WriteLine($"error: {exception.Message}");
                return ExitCodes.Error;
            default:
                Console.Error.WriteLine($"error: {exception.Message}");
                if (verbose) Console.Error.WriteLine(exception);
                else Console.Error.WriteLine("(this looks like a bug; run again with --verbose for details and report it)");
                return ExitCodes.Error;
        }
    }
}
