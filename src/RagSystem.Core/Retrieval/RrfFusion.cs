using RagSystem.Storage;

namespace RagSystem.Retrieval;

/// <summary>Reciprocal-rank fusion (Cormack, Clarke and Büttcher, 2009): a chunk's fused score is
/// Σ weight / (k + rank) over the rankings that contain it, ranks counted from 1.</summary>
public static class RrfFusion
{
    /// <summary>Fuses a lexical and a dense ranking (either may be empty) into one list, best first.
    /// Ties are broken by the better single-side rank, then by chunk id, so the order is deterministic.</summary>
    public static IReadOnlyList<RetrievedChunk> Fuse(
        IReadOnlyList<ScoredChunk> lexical, IReadOnlyList<ScoredChunk> dense, int k, double lexicalWeight, double denseWeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var fused = new Dictionary<Guid, Entry>();
        Add(lexical, lexicalWeight, isLexical: true);
        Add(dense, denseWeight, isLexical: false);
        return fused.Values
            .OrderByDescending(e => e.Score)
            .ThenBy(e => e.BestRank)
            .ThenBy(e => e.Hit.Chunk.Id)
            .Select(e => new RetrievedChunk(e.Hit.Chunk, e.Hit.DocumentPath, e.Score, e.LexicalScore, e.DenseScore))
            .ToList();

        void Add(IReadOnlyList<ScoredChunk> ranking, double weight, bool isLexical)
        {
            for (var i = 0; i < ranking.Count; i++)
            {
                var hit = ranking[i];
                var rank = i + 1;
                if (!fused.TryGetValue(hit.Chunk.Id, out var entry))
                {
                    entry = new Entry(hit);
                    fused.Add(hit.Chunk.Id, entry);
                }
                // A ranking may list a chunk once only; a repeat (a store bug) must not count twice.
                if (isLexical ? entry.LexicalScore is not null : entry.DenseScore is not null) continue;
                entry.Score += weight / (k + rank);
                entry.BestRank = Math.Min(entry.BestRank, rank);
                if (isLexical) entry.LexicalScore = hit.Score;
                else entry.DenseScore = hit.Score;
            }
        }
    }

    private sealed class Entry(ScoredChunk hit)
    {
        public ScoredChunk Hit { get; } = hit;
        public double Score { get; set; }
        public int BestRank { get; set; } = int.MaxValue;
        public double? LexicalScore { get; set; }
        public double? DenseScore { get; set; }
    }
}
