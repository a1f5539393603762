using RagSystem.Ingestion;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Ingestion;

public sealed class IgnoreRulesTests
{
    private static readonly IgnoreRules Rules = IgnoreRules.Parse(["# comment", "*.jsonl", "drafts/", "docs/**/private-*.md", "/build"]);

    [Theory]
    [InlineData("questions.jsonl", true)]
    [InlineData("deep/nested/data.jsonl", true)]
    [InlineData("notes.md", false)]
    [InlineData("drafts/a.md", true)]
    [InlineData("x/drafts/b.md", true)]
    [InlineData("drafts.md", false)]
    [InlineData("docs/private-plan.md", true)]
    [InlineData("docs/a/b/private-plan.md", true)]
    [InlineData("other/private-plan.md", false)]
    [InlineData("build/out.txt", true)]
    [InlineData("src/build/out.txt", false)]
    public void Matches_like_gitignore(string path, bool ignored) => Assert.Equal(ignored, Rules.IsIgnored(path));

    [Fact]
    public void The_document_source_leaves_out_ignored_and_hidden_files()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("keep.md", "# a");
        dir.WriteFile("skip.jsonl", "{}");
        dir.WriteFile(".hidden.md", "# h");
        dir.WriteFile(".git/config", "x");
        dir.WriteFile("sub/keep.txt", "t");
        dir.WriteFile(IgnoreRules.FileName, "*.jsonl\n");
        var files = new DocumentSource(dir.Path).ListFiles().Select(f => f.RelativePath);
        Assert.Equal(["keep.md", "sub/keep.txt"], files);
    }
}
