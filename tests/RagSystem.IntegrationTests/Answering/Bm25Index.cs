using RagSystem.Answering;

namespace RagSystem.IntegrationTests.Answering;

/// <summary>A plain in-memory BM25 (k1 = 1.2, b = 0.75, the FTS5 defaults) over content-word stems, standing in for the
/// store's lexical search so the not-found calibration needs no store.</summary>
internal sealed class Bm25Index
{
    private readonly List<(string DocId, HashSet<string> Stems)> _passages = [];
    private readonly List<int> _lengths = [];
    private readonly Dictionary<string, List<(int Passage, int Tf)>> _postings = new(StringComparer.Ordinal);

    public Bm25Index(IEnumerable<(string DocId, string Text)> passages)
    {
        foreach (var (docId, text) in passages)
        {
            var stems = ContentWords.Stems(text);
            var index = _passages.Count;
            _passages.Add((docId, new HashSet<string>(stems, StringComparer.Ordinal)));
            _lengths.Add(stems.Count);
            foreach (var group in stems.GroupBy(s => s, StringComparer.Ordinal))
            {
                if (!_postings.TryGetValue(group.Key, out var list)) _postings[group.Key] = list = [];
                list.Add((index, group.Count()));
            }
        }
        AverageLength = _lengths.Count == 0 ? 0 : _lengths.Average();
    }

    public double AverageLength { get; }

    public HashSet<string> StemsOf(int passage) => _passages[passage].Stems;

    public string DocIdOf(int passage) => _passages[passage].DocId;

    /// <summary>The best <paramref name="top"/> passages for the query, skipping passages of <paramref name="excludedDocs"/>.</summary>
    public List<int> Search(string query, int top, IReadOnlySet<string>? excludedDocs = null)
    {
        var scores = new Dictionary<int, double>();
        var n = _passages.Count;
        foreach (var stem in ContentWords.StemSet(query))
        {
            if (!_postings.TryGetValue(stem, out var postings)) continue;
            var idf = Math.Log(1 + (n - postings.Count + 0.5) / (postings.Count + 0.5));
            foreach (var (passage, tf) in postings)
            {
                var norm = tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * _lengths[passage] / AverageLength));
                scores[passage] = scores.GetValueOrDefault(passage) + idf * norm;
            }
        }
        return scores
            .Where(s => excludedDocs is null || !excludedDocs.Contains(_passages[s.Key].DocId))
            .OrderByDescending(s => s.Value).Take(top).Select(s => s.Key).ToList();
    }
}
