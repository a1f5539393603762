using Microsoft.Data.Sqlite;
using RagSystem.Storage.Lexical;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Storage;

/// <summary>The Qdrant store's sparse vectors must index the same terms as the SQLite store's FTS5 tokenizer, or the two
/// backends would match different words. SQLite itself is the reference here.</summary>
public sealed class LexicalAnalyzerStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_word_of_the_sample_corpus_stems_as_FTS5_porter_unicode61_does()
    {
        var words = Directory.EnumerateFiles(RepositoryRoot.Corpus, "*.md")
            .SelectMany(f => LexicalWords(File.ReadAllText(f)))
            .Concat(["caresses", "ponies", "agreed", "plastered", "motoring", "conflated", "hopping", "filing", "happy", "relational",
                "conditional", "valenci", "digitizer", "radically", "differently", "vilely", "analogousli", "vietnamization",
                "predication", "operator", "feudalism", "decisiveness", "hopefulness", "callousness", "formaliti", "sensitiviti",
                "sensibiliti", "triplicate", "formative", "formalize", "electriciti", "electrical", "hopeful", "goodness",
                "revival", "allowance", "inference", "airliner", "gyroscopic", "adjustable", "defensible", "irritant",
                "replacement", "adjustment", "dependent", "adoption", "homologou", "communism", "activate", "angulariti",
                "homologous", "effective", "bowdlerize", "probate", "rate", "cease", "controll", "roll", "naïve", "café", "résumé",
                "generalizations", "oscillators", "archaeology", "sky", "by", "dying", "yes", "syzygy", "2024", "gpt4", "x86_64"])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(words.Count > 500, $"only {words.Count} distinct words");

        var reference = await Fts5TermsAsync(words);
        var mismatches = words
            .Select((w, i) => (Word: w, Sqlite: reference[i], Ours: string.Join(" ", LexicalAnalyzer.DocumentTerms(w))))
            .Where(x => x.Sqlite != x.Ours)
            .Select(x => $"{x.Word}: fts5 '{x.Sqlite}', ours '{x.Ours}'")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(40)));
    }

    [Fact]
    public void Query_terms_drop_stop_words_unless_nothing_else_is_left()
    {
        Assert.Equal(["run", "model"], LexicalAnalyzer.QueryTerms("How are the models running?").OrderByDescending(t => t).ToList());
        Assert.Equal(["not"], LexicalAnalyzer.QueryTerms("to be or not to be"));
        Assert.Equal(["to", "be", "or"], LexicalAnalyzer.QueryTerms("to be or to be"));
    }

    private static IEnumerable<string> LexicalWords(string text) =>
        text.Split([' ', '\n', '\r', '\t', '.', ',', ';', ':', '(', ')', '"', '\'', '[', ']', '`', '*', '#', '/', '-', '!', '?'],
            StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant());

    /// <summary>Each word through FTS5's own tokenizer (one row per word, read back from an fts5vocab instance table).</summary>
    private static async Task<string[]> Fts5TermsAsync(IReadOnlyList<string> words)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(Ct);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE VIRTUAL TABLE t USING fts5 (body, tokenize = 'porter unicode61 remove_diacritics 2');
                CREATE VIRTUAL TABLE v USING fts5vocab (t, instance);
                """;
            await create.ExecuteNonQueryAsync(Ct);
        }
        await using (var tx = connection.BeginTransaction())
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO t (rowid, body) VALUES ($id, $body)";
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var body = insert.Parameters.Add("$body", SqliteType.Text);
            for (var i = 0; i < words.Count; i++)
            {
                id.Value = i + 1;
                body.Value = words[i];
                await insert.ExecuteNonQueryAsync(Ct);
            }
            await tx.CommitAsync(Ct);
        }
        var terms = new List<(int Offset, string Term)>[words.Count];
        for (var i = 0; i < terms.Length; i++) terms[i] = [];
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT doc, offset, term FROM v";
        await using var reader = await read.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) terms[reader.GetInt32(0) - 1].Add((reader.GetInt32(1), reader.GetString(2)));
        return terms.Select(t => string.Join(" ", t.OrderBy(x => x.Offset).Select(x => x.Term))).ToArray();
    }
}
