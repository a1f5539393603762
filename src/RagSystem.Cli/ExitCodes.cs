namespace RagSystem.Cli;

/// <summary>Process exit codes, documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>The command did its job. Ingestion runs where some files failed still end here, and say so.</summary>
    public const int Success = 0;

    /// <summary>The command could not do its job: bad configuration, unreadable folder, corrupt store, a failed download.</summary>
    public const int Error = 1;

    /// <summary>The command line itself was wrong (unknown option, missing argument, a value that does not parse or is out of
    /// range), or a <see cref="RagException"/> of kind <see cref="RagErrorKind.InvalidInput"/>.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted with Ctrl+C.</summary>
    public const int Cancelled = 130;

    /// <summary>The exit code of a <see cref="RagException"/>: <see cref="Usage"/> for invalid input, <see cref="Error"/> otherwise.</summary>
    public static int For(RagErrorKind kind) => kind == RagErrorKind.InvalidInput ? Usage : Error;
}
