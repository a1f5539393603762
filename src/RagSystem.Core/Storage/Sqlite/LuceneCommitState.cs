using System.Globalization;

namespace RagSystem.Storage.Sqlite;

/// <summary>What a Lucene commit of the lexical index records in its user data: the last <c>lexical_changes</c> entry it
/// applied, the store it belongs to and the analysis it was built with.</summary>
internal sealed record LuceneCommitState(long Seq, string StoreUid, string AnalyzerId)
{
    private const string SeqKey = "rag.lexical_seq";
    private const string StoreKey = "rag.store_uid";
    private const string AnalyzerKey = "rag.analyzer";

    /// <summary>The state recorded in <paramref name="userData"/>, or null when it holds none (no commit, or not ours).</summary>
    public static LuceneCommitState? From(IDictionary<string, string>? userData)
    {
        if (userData is null
            || !userData.TryGetValue(SeqKey, out var seq) || !long.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || !userData.TryGetValue(StoreKey, out var store) || !userData.TryGetValue(AnalyzerKey, out var analyzer))
        {
            return null;
        }
        return new LuceneCommitState(value, store, analyzer);
    }

    /// <summary>The user data to commit.</summary>
    public Dictionary<string, string> ToUserData() => new(StringComparer.Ordinal)
    {
        [SeqKey] = Seq.ToString(CultureInfo.InvariantCulture),
        [StoreKey] = StoreUid,
        [AnalyzerKey] = AnalyzerId,
    };

    /// <summary>Why an index in this state cannot be brought up to <paramref name="log"/> by applying entries, or null when it can.</summary>
    public static string? RebuildReason(LuceneCommitState? committed, SqliteLexicalChangeLog.State log, string analyzerId) =>
        committed is null ? "no index yet"
        : !string.Equals(committed.StoreUid, log.StoreUid, StringComparison.Ordinal) ? "it was built from another store file"
        : !string.Equals(committed.AnalyzerId, analyzerId, StringComparison.Ordinal) ? $"it was built by analyzer {committed.AnalyzerId}, this build uses {analyzerId}"
        : committed.Seq > log.Head ? "it is ahead of the store's change log"
        : committed.Seq < log.TrimmedThrough ? "it is behind the trimmed part of the change log"
        : null;
}
