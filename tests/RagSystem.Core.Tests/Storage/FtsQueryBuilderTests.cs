using RagSystem.Storage;
using RagSystem.Storage.Sqlite;
using RagSystem.Testing;
using static RagSystem.Core.Tests.Storage.StoreSamples;

namespace RagSystem.Core.Tests.Storage;

public sealed class FtsQueryBuilderTests
{
    public static readonly TheoryData<string> HostileQueries = new(
        "what's \"RLHF\"? (a-b)",
        "\"", "\"\"\"", "(", ")", "*", "^", "-", ":", "a:b", "col:zebra", "NEAR(a b, 2)", "a AND", "OR", "AND OR NOT",
        "zebra*", "{heading body}: zebra", "'; DROP TABLE chunks; --", "\0zebra\0", "zebra\u0301", "\u0301", "😀 zebra 🦓",
        "ZEBRA OR \"unterminated", "+zebra -stripes", "zebra NOT stripes", "   ", "");

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Hostile_free_text_never_causes_an_fts_syntax_error(string query)
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir.Path);
        var doc = Document("a.md");
        await store.UpsertDocumentAsync(doc, [Chunk(doc, 0, "the zebra has stripes; RLHF is a-b testing, what's more (col: NEAR)", heading: ["Zebra notes"])],
            TestContext.Current.CancellationToken);

        var hits = await store.SearchAsync(SearchRequest.Lexical(query, 5), TestContext.Current.CancellationToken);

        Assert.True(hits.Count <= 1);
    }

    [Fact]
    public async Task Quoted_user_text_matches_its_words()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir.Path);
        var doc = Document("a.md");
        await store.UpsertDocumentAsync(doc, [Chunk(doc, 0, "Reinforcement learning from human feedback (RLHF) tunes models.")], TestContext.Current.CancellationToken);

        Assert.Single(await store.SearchAsync(SearchRequest.Lexical("what's \"RLHF\"? (a-b)", 5), TestContext.Current.CancellationToken));
        // Porter stemming: "tuning" and "tunes" share the stem "tune".
        Assert.Single(await store.SearchAsync(SearchRequest.Lexical("tuning", 5), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Terms_are_quoted_or_ed_and_stop_words_dropped_unless_nothing_else_is_left()
    {
        Assert.Equal("\"what\" OR \"s\" OR \"rlhf\" OR \"a\" OR \"b\"", FtsQueryBuilder.Build("what's \"RLHF\"? (a-b)", removeStopWords: false));
        Assert.Equal("\"rlhf\" OR \"b\"", FtsQueryBuilder.Build("what's \"RLHF\"? (a-b)", removeStopWords: true));
        Assert.Equal("\"to\" OR \"be\" OR \"or\" OR \"to\" OR \"be\"", FtsQueryBuilder.Build("to be, or to be", removeStopWords: true));
        Assert.Equal("\"café\" OR \"naïve\"", FtsQueryBuilder.Build("Café: naïve!", removeStopWords: true));
        Assert.Null(FtsQueryBuilder.Build("?!() \"\" 😀", removeStopWords: true));
    }
}
