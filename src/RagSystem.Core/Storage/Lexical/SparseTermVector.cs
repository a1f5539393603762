using System.Text;

namespace RagSystem.Storage.Lexical;

/// <summary>A text as a sparse vector over hashed terms (<see cref="LexicalAnalyzer"/>), for stores that rank lexically by a
/// sparse dot product with IDF applied on the server (Qdrant's <c>Modifier.Idf</c>). Document weights are BM25's saturated
/// term frequency with a fixed average length; query weights are 1 per distinct term, so the score is Σ idf · tf-part, the
/// shape of BM25. Indices are sorted and unique (colliding terms share one entry).</summary>
/// <param name="Indices">Term ids (FNV-1a 32-bit of the term's UTF-8 bytes), ascending, unique.</param>
/// <param name="Values">Weight per index.</param>
public sealed record SparseTermVector(uint[] Indices, float[] Values)
{
    /// <summary>BM25 term-frequency saturation k1. 1.2, the usual value (and SQLite FTS5's).</summary>
    public const double K1 = 1.2;

    /// <summary>BM25 length normalisation b. 0.75, as SQLite FTS5's.</summary>
    public const double B = 0.75;

    /// <summary>The average chunk length (in terms) assumed by length normalisation. Exact BM25 needs the collection's
    /// average, which no single writer knows; chunks are cut to a token budget, so their lengths vary little.</summary>
    public const double AverageLength = 200;

    /// <summary>True when the vector has no entries (a text without words).</summary>
    public bool IsEmpty => Indices.Length == 0;

    /// <summary>The document vector of a chunk: body terms, plus heading terms counted <paramref name="headingWeight"/> times
    /// (as FTS5 weighs its heading column) and the document title's counted <paramref name="titleWeight"/> times.</summary>
    public static SparseTermVector ForDocument(string body, string heading, double headingWeight = 2.0, string? title = null, double titleWeight = 1.0)
    {
        var frequencies = new Dictionary<uint, double>();
        var bodyTerms = LexicalAnalyzer.DocumentTerms(body);
        foreach (var term in bodyTerms) Add(frequencies, TermId(term), 1.0);
        if (headingWeight > 0)
        {
            foreach (var term in LexicalAnalyzer.DocumentTerms(heading)) Add(frequencies, TermId(term), headingWeight);
        }
        // The document's title counts in every chunk, as in the SQLite store's FTS5 title column, so a question naming the
        // document finds it on both backends.
        if (titleWeight > 0 && !string.IsNullOrWhiteSpace(title))
        {
            foreach (var term in LexicalAnalyzer.DocumentTerms(title)) Add(frequencies, TermId(term), titleWeight);
        }
        var lengthNorm = 1 - B + B * bodyTerms.Count / AverageLength;
        return Build(frequencies, tf => tf * (K1 + 1) / (tf + K1 * lengthNorm));
    }

    /// <summary>The query vector: 1 for each distinct query term.</summary>
    public static SparseTermVector ForQuery(string text, bool removeStopWords = true)
    {
        var frequencies = new Dictionary<uint, double>();
        foreach (var term in LexicalAnalyzer.QueryTerms(text, removeStopWords)) frequencies[TermId(term)] = 1.0;
        return Build(frequencies, w => w);
    }

    /// <summary>The stable id of a term: FNV-1a over its UTF-8 bytes. Stable across processes and machines (unlike
    /// <see cref="string.GetHashCode()"/>), so every writer and reader of a shared collection agrees.</summary>
    public static uint TermId(string term)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(term))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash;
    }

    private static void Add(Dictionary<uint, double> frequencies, uint id, double weight) =>
        frequencies[id] = frequencies.GetValueOrDefault(id) + weight;

    private static SparseTermVector Build(Dictionary<uint, double> frequencies, Func<double, double> weight)
    {
        var indices = frequencies.Keys.ToArray();
        Array.Sort(indices);
        var values = new float[indices.Length];
        for (var i = 0; i < indices.Length; i++) values[i] = (float)weight(frequencies[indices[i]]);
        return new SparseTermVector(indices, values);
    }
}
