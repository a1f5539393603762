using System.Text;
using RagSystem.Documents;

namespace RagSystem.Core.Tests.Documents;

public sealed class HtmlReaderTests
{
    private static readonly string Prose = string.Concat(Enumerable.Repeat("This sentence, with a comma, is part of the article body. ", 6));

    [Fact]
    public async Task APageWithoutTitleIsNamedByItsFirstH1()
    {
        var html = $"<html><head><title> </title></head><body><h1>Quarterly\nresults</h1><p>{Prose}</p></body></html>";
        var document = await new HtmlReader().ReadAsync(DocumentAssertions.Utf8(html), "page.html", TestContext.Current.CancellationToken);
        Assert.Equal("Quarterly results", document.Title);
    }

    [Fact]
    public async Task MainElementWinsAndBoilerplateIsDropped()
    {
        var html = $"""
            <!doctype html><html><head><title> My Page </title><style>p {"{"}color:red{"}"}</style></head>
            <body>
              <header><a href="/">Home</a> <a href="/blog">Blog</a></header>
              <nav><ul><li>Menu one</li><li>Menu two</li></ul></nav>
              <main>
                <h1>Article title</h1>
                <p>{Prose}</p>
                <h2>Details</h2>
                <p>Detail text<br>on two lines.</p>
                <ul><li>alpha</li><li>beta</li></ul>
                <table><tr><th>Name</th><th>Value</th></tr><tr><td>a</td><td>1</td></tr></table>
                <h3>Deeper</h3>
                <pre>code   keeps
              spacing</pre>
                <script>var tracking = 1;</script>
                <div style="display:none">Hidden text</div>
              </main>
              <aside>Related posts</aside>
              <footer>Copyright footer</footer>
            </body></html>
            """;
        var document = await new HtmlReader().ReadAsync(DocumentAssertions.Utf8(html), "page.html", TestContext.Current.CancellationToken);
        var text = DocumentAssertions.AllText(document);

        Assert.Equal("My Page", document.Title);
        Assert.Equal([["Article title"], ["Article title", "Details"], ["Article title", "Details", "Deeper"]],
            document.Sections.Select(s => s.HeadingPath.ToArray()));
        Assert.StartsWith("Article title\n\nThis sentence", document.Sections[0].Text);
        Assert.Contains("Detail text\non two lines.", text);
        Assert.Contains("alpha\nbeta", text);
        Assert.Contains("Name | Value\na | 1", text);
        Assert.Contains("code   keeps\n  spacing", text);
        foreach (var boilerplate in new[] { "Home", "Menu one", "tracking", "Hidden text", "Related posts", "Copyright", "color:red" })
            Assert.DoesNotContain(boilerplate, text);
        DocumentAssertions.OffsetsAreConsistent(document);
    }

    [Fact]
    public async Task WithoutLandmarksTheDensestContentIsChosen()
    {
        var html = $"""
            <html><body>
              <div class="menu"><a href="/a">Link A</a> | <a href="/b">Link B</a> | <a href="/c">Link C</a></div>
              <div class="links"><p><a href="/x">A long list of links that is not content at all, really</a></p></div>
              <div id="story">
                <p>{Prose}</p>
                <p>{Prose}</p>
              </div>
              <div class="sidebar"><p>Sidebar text that should go, with a comma, and more words here.</p></div>
            </body></html>
            """;
        var document = await new HtmlReader().ReadAsync(DocumentAssertions.Utf8(html), "page.html", TestContext.Current.CancellationToken);
        var text = DocumentAssertions.AllText(document);

        Assert.Contains("part of the article body", text);
        Assert.DoesNotContain("Link A", text);
        Assert.DoesNotContain("Sidebar", text);
        Assert.DoesNotContain("A long list of links", text);
    }

    [Fact]
    public async Task DeclaredCharsetIsHonouredWhenTheBytesAreNotUtf8()
    {
        var html = "<html><head><meta charset=\"windows-1252\"><title>Caf\u00e9</title></head><body><p>Cr\u00e8me br\u00fbl\u00e9e \u2013 dessert</p></body></html>";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1252).GetBytes(html);
        var document = await new HtmlReader().ReadAsync(new MemoryStream(bytes), "page.html", TestContext.Current.CancellationToken);

        Assert.Equal("Café", document.Title);
        Assert.Equal("Crème brûlée – dessert", document.Sections[0].Text);
    }

    [Fact]
    public async Task Utf8BytesWinOverAWrongDeclaration()
    {
        var bytes = Encoding.UTF8.GetBytes("<html><head><meta charset=\"gb2312\"></head><body><p>深度学习 Grüße</p></body></html>");
        var document = await new HtmlReader().ReadAsync(new MemoryStream(bytes), "page.html", TestContext.Current.CancellationToken);
        Assert.Equal("深度学习 Grüße", document.Sections[0].Text);
    }

    [Fact]
    public async Task PageWithoutTextIsEmpty()
    {
        var error = await Assert.ThrowsAsync<DocumentReadException>(() => new HtmlReader().ReadAsync(
            DocumentAssertions.Utf8("<html><body><nav>Only navigation</nav><script>x()</script></body></html>"), "nav.html", TestContext.Current.CancellationToken));
        Assert.Equal(DocumentFailureKind.Empty, error.Kind);
    }
}
