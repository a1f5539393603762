using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace RagSystem.Storage.Sqlite;

/// <summary>Feeds Lucene terms that <see cref="Lexical.LexicalAnalyzer"/> already produced, each repeated as often as its
/// column's weight. Repeats sit at the same position (increment 0), so BM25 counts them in the term frequency but not in
/// the field length (<c>DiscountOverlaps</c>): one field then ranks like FTS5's <c>bm25()</c> with column weights, which
/// also adds weighted frequencies across columns over the unweighted row length, at the cost of one posting per term.</summary>
internal sealed class LuceneWeightedTermsTokenStream : TokenStream
{
    private readonly IReadOnlyList<(List<string> Terms, int Repeats)> _columns;
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _increment;
    private int _column;
    private int _index;
    private int _repeat;

    public LuceneWeightedTermsTokenStream(IReadOnlyList<(List<string> Terms, int Repeats)> columns)
    {
        _columns = columns;
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        while (_column < _columns.Count)
        {
            var (terms, repeats) = _columns[_column];
            if (_index < terms.Count && _repeat < repeats)
            {
                ClearAttributes();
                _term.SetEmpty().Append(terms[_index]);
                _increment.PositionIncrement = _repeat == 0 ? 1 : 0;
                if (++_repeat == repeats)
                {
                    _repeat = 0;
                    _index++;
                }
                return true;
            }
            _column++;
            _index = 0;
            _repeat = 0;
        }
        return false;
    }

    public override void Reset()
    {
        base.Reset();
        _column = 0;
        _index = 0;
        _repeat = 0;
    }
}
