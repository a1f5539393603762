using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Data.Sqlite;
using RagSystem.Storage;
using RagSystem.Storage.Sqlite;
using RagSystem.Testing;
using static RagSystem.Core.Tests.Storage.StoreSamples;

namespace RagSystem.Core.Tests.Storage;

/// <summary>The SQLite store's Lucene lexical index: the same matches as FTS5, and always consistent with SQLite, the
/// source of truth: rebuilt when missing, damaged or another store's, caught up from the change log when behind.</summary>
public sealed class LuceneLexicalIndexTests
{
    private static readonly string[] Words = ["protein", "binding", "kinase", "receptor", "tumour", "growth", "insulin", "signal", "membrane", "enzyme", "cell", "gene"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lucene_finds_exactly_the_chunks_FTS5_finds_and_ranks_a_unique_marker_first()
    {
        using var dir = new TempDirectory();
        await WriteCorpusAsync(dir.Path, documents: 30);
        using var lucene = await OpenAsync(dir.Path);
        using var fts = await OpenAsync(dir.Path, new SqliteStoreOptions { LexicalEngine = SqliteLexicalEngine.Fts5 });
        foreach (var query in new[] { "protein binding", "What does the kinase do to the receptor?", "insulin 14,514", "Tumours growing" })
        {
            var fromLucene = await lucene.SearchAsync(SearchRequest.Lexical(query, 1000), Ct);
            var fromFts = await fts.SearchAsync(SearchRequest.Lexical(query, 1000), Ct);
            Assert.NotEmpty(fromFts);
            Assert.Equal(fromFts.Select(h => h.Chunk.Id).Order(), fromLucene.Select(h => h.Chunk.Id).Order());
            Assert.True(fromLucene.Zip(fromLucene.Skip(1)).All(p => p.First.Score >= p.Second.Score), "scores must descend");
        }
        var marker = await lucene.SearchAsync(SearchRequest.Lexical("which chunk says mark17x2 about proteins", 5), Ct);
        Assert.Equal(DocumentIds.ChunkId(DocumentIds.ForPath("d17.md"), "v1", 2), marker[0].Chunk.Id);
        Assert.Equal(1, lucene.LexicalIndex!.Rebuilds); // built once, at the first search
    }

    [Fact]
    public async Task Deleting_the_Lucene_folder_rebuilds_it_from_the_store_with_identical_results()
    {
        using var dir = new TempDirectory();
        await WriteCorpusAsync(dir.Path, documents: 20);
        List<string> before;
        string folder;
        using (var store = await OpenAsync(dir.Path))
        {
            before = await RankedIdsAsync(store, "kinase receptor signal");
            folder = store.LexicalIndex!.Folder;
        }
        System.IO.Directory.Delete(folder, recursive: true);
        using var reopened = await OpenAsync(dir.Path);
        Assert.Equal(before, await RankedIdsAsync(reopened, "kinase receptor signal"));
        Assert.Equal(1, reopened.LexicalIndex!.Rebuilds);
        Assert.True(System.IO.Directory.Exists(folder));
    }

    [Fact]
    public async Task A_stale_Lucene_commit_catches_up_from_the_change_log_without_a_rebuild()
    {
        using var dir = new TempDirectory();
        using var stale = new TempDirectory();
        await WriteCorpusAsync(dir.Path, documents: 10);
        string folder;
        using (var store = await OpenAsync(dir.Path))
        {
            await store.RefreshLexicalIndexAsync(Ct);
            folder = store.LexicalIndex!.Folder;
        }
        CopyFolder(folder, stale.Path);
        using (var store = await OpenAsync(dir.Path))
        {
            await WriteDocumentAsync(store, "d3.md", "v2", chunks: 2, extra: "rewritten");
            Assert.True(await store.DeleteDocumentAsync(DocumentIds.ForPath("d7.md"), Ct));
            for (var d = 10; d < 15; d++) await WriteDocumentAsync(store, $"d{d}.md", "v1", chunks: 3);
            await store.RefreshLexicalIndexAsync(Ct);
        }
        System.IO.Directory.Delete(folder, recursive: true);
        CopyFolder(stale.Path, folder);

        using var reopened = await OpenAsync(dir.Path);
        var all = await reopened.SearchAsync(SearchRequest.Lexical("shared", 10_000), Ct);
        Assert.Equal(0, reopened.LexicalIndex!.Rebuilds);
        Assert.Equal(all.Count, all.Select(h => h.Chunk.Id).Distinct().Count());
        Assert.Equal((10 - 2) * 3 + 2 + 5 * 3, all.Count);
        Assert.DoesNotContain(all, h => h.DocumentPath == "d7.md");
        Assert.Equal(2, all.Count(h => h.DocumentPath == "d3.md"));
        Assert.Equal(2, (await reopened.SearchAsync(SearchRequest.Lexical("rewritten", 10), Ct)).Count);
        Assert.Empty((await CheckAsync(dir.Path)).Problems);
    }

    [Fact]
    public async Task A_second_store_on_the_same_file_sees_the_first_ones_writes_at_its_next_search()
    {
        using var dir = new TempDirectory();
        await WriteCorpusAsync(dir.Path, documents: 5);
        using var reader = await OpenAsync(dir.Path);
        using var writer = await OpenAsync(dir.Path);
        Assert.Empty(await reader.SearchAsync(SearchRequest.Lexical("zeppelin", 10), Ct));
        await WriteDocumentAsync(writer, "late.md", "v1", chunks: 2, extra: "zeppelin");
        Assert.Equal(2, (await reader.SearchAsync(SearchRequest.Lexical("zeppelin", 10), Ct)).Count);
        Assert.True(await writer.DeleteDocumentAsync(DocumentIds.ForPath("late.md"), Ct));
        Assert.Empty(await reader.SearchAsync(SearchRequest.Lexical("zeppelin", 10), Ct));
    }

    [Fact]
    public async Task Damaged_Lucene_files_are_rebuilt_from_the_store()
    {
        using var dir = new TempDirectory();
        await WriteCorpusAsync(dir.Path, documents: 12);
        List<string> before;
        string folder;
        using (var store = await OpenAsync(dir.Path))
        {
            before = await RankedIdsAsync(store, "membrane enzyme");
            folder = store.LexicalIndex!.Folder;
        }
        foreach (var file in System.IO.Directory.GetFiles(folder).Where(f => !f.EndsWith("write.lock", StringComparison.Ordinal)))
        {
            File.WriteAllBytes(file, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        }
        Assert.NotEmpty((await CheckAsync(dir.Path)).Problems);
        using var reopened = await OpenAsync(dir.Path);
        Assert.Equal(before, await RankedIdsAsync(reopened, "membrane enzyme"));
        Assert.Equal(1, reopened.LexicalIndex!.Rebuilds);
        Assert.Empty((await CheckAsync(dir.Path)).Problems);
    }

    [Fact]
    public async Task A_Lucene_folder_left_beside_a_new_store_file_is_rebuilt_for_that_file()
    {
        using var dir = new TempDirectory();
        await WriteCorpusAsync(dir.Path, documents: 6);
        using (var store = await OpenAsync(dir.Path)) await store.RefreshLexicalIndexAsync(Ct);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", SqliteIntegrityCheck.CheckedSuffix }) File.Delete(Path.Combine(dir.Path, "rag.db" + suffix));
        using var fresh = await OpenAsync(dir.Path);
        await WriteDocumentAsync(fresh, "other.md", "v1", chunks: 1);
        var all = await fresh.SearchAsync(SearchRequest.Lexical("shared", 100), Ct);
        Assert.Equal("other.md", Assert.Single(all).DocumentPath);
        Assert.Equal(1, fresh.LexicalIndex!.Rebuilds);
    }

    [Fact]
    public async Task The_index_check_reports_a_chunk_indexed_twice()
    {
        using var dir = new TempDirectory();
        await WriteCorpusAsync(dir.Path, documents: 4);
        string folder;
        using (var store = await OpenAsync(dir.Path))
        {
            await store.RefreshLexicalIndexAsync(Ct);
            folder = store.LexicalIndex!.Folder;
        }
        var check = await CheckAsync(dir.Path);
        Assert.Empty(check.Problems);
        Assert.Contains("12 chunks, up to date", check.Summary, StringComparison.Ordinal);

        // Add a second entry for chunk rowid 1 under the same commit state, as a bug in applying the log would.
        using (var directory = FSDirectory.Open(folder))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, null)))
        {
            var documentId = DocumentIds.ForPath("d0.md");
            writer.AddDocument(new Document
            {
                new NumericDocValuesField(LuceneLexicalIndex.RowIdField, 1),
                new StringField(LuceneLexicalIndex.DocumentField, documentId, Field.Store.NO),
                new SortedDocValuesField(LuceneLexicalIndex.DocumentField, new BytesRef(documentId)),
            });
            writer.SetCommitData(writer.CommitData);
            writer.Commit();
        }
        Assert.Contains("1 chunk(s) are in the lexical index", Assert.Single((await CheckAsync(dir.Path)).Problems), StringComparison.Ordinal);
    }

    private static async Task<LuceneLexicalIndexCheck.Result> CheckAsync(string directory)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "rag.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        return await LuceneLexicalIndexCheck.CheckAsync(connection, Path.Combine(directory, "rag.db"), cancellationToken: Ct);
    }

    private static async Task<List<string>> RankedIdsAsync(SqliteChunkStore store, string query) =>
        (await store.SearchAsync(SearchRequest.Lexical(query, 50), Ct)).Select(h => $"{h.Chunk.Id} {h.Score:F5}").ToList();

    private static async Task WriteCorpusAsync(string directory, int documents)
    {
        using var store = await OpenAsync(directory, new SqliteStoreOptions { LexicalEngine = SqliteLexicalEngine.Fts5 });
        for (var d = 0; d < documents; d++) await WriteDocumentAsync(store, $"d{d}.md", "v1", chunks: 3);
    }

    private static async Task WriteDocumentAsync(SqliteChunkStore store, string path, string hash, int chunks, string extra = "")
    {
        var document = Document(path, hash, chunks);
        var seed = path.Sum(c => c) + hash.Length;
        var records = Enumerable.Range(0, chunks).Select(i =>
        {
            var words = Enumerable.Range(0, 12).Select(w => Words[(seed * 7 + i * 5 + w * w) % Words.Length]);
            var number = (seed + i) % 3 == 0 ? " insulin 14514" : "";
            return Chunk(document, i, $"shared {string.Join(' ', words)} mark{path[1..^3]}x{i}{number} {extra}", heading: [$"Section {i}"]);
        }).ToList();
        await store.UpsertDocumentAsync(document, records, Ct);
    }

    private static void CopyFolder(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from).Where(f => !f.EndsWith("write.lock", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
