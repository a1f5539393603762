using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Answering;

/// <summary><c>rag chat</c> with questions piped to stdin: follow-ups are rewritten before retrieval (no model: rule-based).</summary>
public sealed class ChatCommandTests
{
    [Fact]
    public async Task A_follow_up_is_rewritten_into_a_standalone_question_and_answered_from_the_right_file()
    {
        using var data = new TempDirectory();
        var run = await RagProcess.RunAsync(["chat", "--docs", RepositoryRoot.Corpus, "--data", data.Path],
            standardInput: "What is byte-pair encoding?\nHow does it build its vocabulary?\nexit\n");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("(searching for:", run.StandardError);
        var rewritten = run.StandardError.Split('\n').Single(l => l.StartsWith("(searching for:", StringComparison.Ordinal));
        Assert.Matches("(?i)byte.pair", rewritten);
        Assert.Equal(2, run.StandardOutput.Split("Sources").Length - 1);
        Assert.Contains("tokens-and-embeddings.md", run.StandardOutput);
    }
}
