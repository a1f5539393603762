using RagSystem.Documents;

namespace RagSystem.Core.Tests.Documents;

public sealed class MarkdownReaderTests
{
    private const string Sample = """
        ---
        title: Front matter is skipped
        tags: [a, b]
        ---
        Intro text with **bold** and _emphasis_ and a [link](https://example.com).

        # Guide

        Some `inline code` here.

        ## Install

        - first item
        - second item with *style*

        ```bash
        dotnet add package Foo
        ```

        ## Use

        | Name | Value |
        |------|-------|
        | a    | 1     |

        # Reference

        > Quoted text.
        """;

    [Fact]
    public async Task SectionsFollowHeadingsWithTheirPaths()
    {
        var document = await new MarkdownReader().ReadAsync(DocumentAssertions.Utf8(Sample), "guide.md", TestContext.Current.CancellationToken);

        Assert.Equal(
            [[], ["Guide"], ["Guide", "Install"], ["Guide", "Use"], ["Reference"]],
            document.Sections.Select(s => s.HeadingPath.ToArray()));
        Assert.Equal("Guide", document.Title);
        DocumentAssertions.OffsetsAreConsistent(document);
    }

    [Fact]
    public async Task MarkupIsStrippedButCodeListsAndTablesKept()
    {
        var document = await new MarkdownReader().ReadAsync(DocumentAssertions.Utf8(Sample), "guide.md", TestContext.Current.CancellationToken);
        var text = DocumentAssertions.AllText(document);

        Assert.Equal("Intro text with bold and emphasis and a link.", document.Sections[0].Text);
        Assert.DoesNotContain("Front matter", text);
        Assert.DoesNotContain("**", text);
        Assert.DoesNotContain("https://example.com", text);
        Assert.Contains("Some inline code here.", text);
        Assert.Contains("first item\nsecond item with style", document.Sections[2].Text);
        Assert.Contains("dotnet add package Foo", document.Sections[2].Text);
        Assert.Contains("Name | Value\na | 1", document.Sections[3].Text);
        Assert.Contains("Quoted text.", document.Sections[4].Text);
        Assert.StartsWith("Install", document.Sections[2].Text);
    }

    [Fact]
    public async Task OnlyFrontMatterIsEmpty()
    {
        var error = await Assert.ThrowsAsync<DocumentReadException>(() =>
            new MarkdownReader().ReadAsync(DocumentAssertions.Utf8("---\ntitle: x\n---\n\n   \n"), "x.md", TestContext.Current.CancellationToken));
        Assert.Equal(DocumentFailureKind.Empty, error.Kind);
    }
}
