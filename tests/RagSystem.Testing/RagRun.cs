namespace RagSystem.Testing;

/// <summary>The result of one <c>rag</c> process.</summary>
public sealed record RagRun(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}
