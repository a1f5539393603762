using RagSystem.Testing;

namespace RagSystem.Core.Tests.Cli;

[Collection(ConsoleCaptureCollection.Name)]
public sealed class CommandLineErrorTests
{
    public static TheoryData<string[]> WrongCommandLines => new()
    {
        { ["search", "attention", "--no-such-option"] },
        { ["search"] },
        { ["search", "attention", "--top", "many"] },
        { ["ask", "what is attention?", "--top", "0"] },
        { ["ingest"] },
        { ["frobnicate"] },
        { ["eval", "--beir"] },
    };

    [Theory]
    [MemberData(nameof(WrongCommandLines))]
    public async Task Every_command_line_error_is_exit_code_2_and_one_line_without_the_help(string[] args)
    {
        using var data = new TempDirectory();
        var (code, stdout, stderr) = await ConsoleCapture.RunAsync([.. args, "--data", data.Path]);
        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("--help", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Options:", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_index_database_is_one_line_and_never_called_a_bug()
    {
        using var data = new TempDirectory();
        data.WriteFile("rag.db", new string('x', 4096));
        var (code, _, stderr) = await ConsoleCapture.RunAsync("search", "attention", "--data", data.Path);
        Assert.Equal(1, code);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("bug", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_of_an_empty_store_says_there_is_no_index()
    {
        using var data = new TempDirectory();
        var (code, _, stderr) = await ConsoleCapture.RunAsync("search", "attention", "--data", data.Path, "--models", Path.Combine(data.Path, "none"));
        Assert.Equal(1, code);
        Assert.Contains("no index in", stderr, StringComparison.Ordinal);
        Assert.Contains("rag ingest", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RagErrorKind.InvalidInput, 2)]
    [InlineData(RagErrorKind.NotFound, 1)]
    [InlineData(RagErrorKind.Conflict, 1)]
    [InlineData(RagErrorKind.Unavailable, 1)]
    [InlineData(RagErrorKind.Misconfigured, 1)]
    [InlineData(RagErrorKind.Damaged, 1)]
    public async Task A_rag_exception_is_its_message_on_one_line_with_the_exit_code_of_its_kind(RagErrorKind kind, int expected)
    {
        var (code, stderr) = await ConsoleCapture.ReportAsync(new RagException(kind, "report.pdf is password-protected; pass --pdf-password"));
        Assert.Equal(expected, code);
        Assert.Equal("error: report.pdf is password-protected; pass --pdf-password", stderr.Trim());
    }

    [Fact]
    public async Task Anything_else_is_reported_as_a_bug()
    {
        var (code, stderr) = await ConsoleCapture.ReportAsync(new InvalidOperationException("index out of sync"));
        Assert.Equal(1, code);
        Assert.Contains("this looks like a bug", stderr, StringComparison.Ordinal);
    }
}
