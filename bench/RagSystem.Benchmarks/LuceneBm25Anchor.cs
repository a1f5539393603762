using System.Diagnostics;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace RagSystem.Benchmarks;

/// <summary>The independent lexical anchor: Lucene.Net 4.8 BM25 (k1 0.9, b 0.4) over Lucene's own EnglishAnalyzer, one
/// <c>contents</c> field per document (title and text), bag-of-words queries: Anserini's BEIR "flat" BM25 setup, which
/// gives SciFact test nDCG@10 0.679. It shares no code with the store's lexical index, so our figures are ratios to it.</summary>
internal sealed class LuceneBm25Anchor : IDisposable
{
    private const string IdField = "id";
    private const string ContentsField = "contents";
    private static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly FSDirectory _directory;
    private readonly EnglishAnalyzer _analyzer = new(Version);
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    private LuceneBm25Anchor(FSDirectory directory, TimeSpan buildTime)
    {
        _directory = directory;
        BuildTime = buildTime;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity(0.9f, 0.4f) };
    }

    /// <summary>How long indexing (analysis, writing and the final commit) took.</summary>
    public TimeSpan BuildTime { get; }

    /// <summary>Documents indexed.</summary>
    public int Count => _reader.NumDocs;

    /// <summary>Indexes <paramref name="documents"/> (id, text) into a fresh index in <paramref name="folder"/>.</summary>
    public static LuceneBm25Anchor Build(string folder, IEnumerable<(string Id, string Text)> documents)
    {
        if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
        var directory = FSDirectory.Open(folder);
        var stopwatch = Stopwatch.StartNew();
        var config = new IndexWriterConfig(Version, new EnglishAnalyzer(Version))
        {
            Similarity = new BM25Similarity(0.9f, 0.4f),
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 64,
        };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var (id, text) in documents)
            {
                writer.AddDocument(new Document { new StringField(IdField, id, Field.Store.YES), new TextField(ContentsField, text, Field.Store.NO) });
            }
            writer.Commit();
        }
        return new LuceneBm25Anchor(directory, stopwatch.Elapsed);
    }

    /// <summary>The ids of the <paramref name="top"/> best documents for <paramref name="query"/>, best first.</summary>
    public List<string> Search(string query, int top)
    {
        var boolean = new BooleanQuery();
        using (var stream = _analyzer.GetTokenStream(ContentsField, query))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken()) boolean.Add(new TermQuery(new Term(ContentsField, term.ToString())), Occur.SHOULD);
            stream.End();
        }
        if (boolean.Clauses.Count == 0) return [];
        var found = _searcher.Search(boolean, top);
        return found.ScoreDocs.Select(hit => _searcher.Doc(hit.Doc).Get(IdField)).ToList();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
