using System.CommandLine;

namespace RagSystem.Cli;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Folder holding the index (default: $RAG_DATA_DIR, else ./.rag)",
        Recursive = true,
    };

    public static readonly Option<string?> Models = new("--models")
    {
        Description = "Models folder with embedding/, generator/, reranker/ (default: $RAG_MODELS_DIR, else ~/.rag/models)",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log details to stderr",
        Recursive = true,
    };
}
