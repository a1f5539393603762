using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using RagSystem.Storage.Lexical;

namespace RagSystem.Storage.Sqlite;

/// <summary>A Lucene <see cref="Analyzer"/> that emits <see cref="LexicalAnalyzer.DocumentTerms"/>: the same terms FTS5's
/// <c>porter unicode61 remove_diacritics 2</c> and the Qdrant store's sparse vectors produce. The lexical index writes its
/// weighted field from pre-analyzed terms (<see cref="LuceneWeightedTermsTokenStream"/>); this analyzer is the index
/// writer's default for any plain text field.</summary>
internal sealed class LuceneLexicalAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) => new(new TermsTokenizer(reader));

    private sealed class TermsTokenizer : Tokenizer
    {
        private readonly ICharTermAttribute _term;
        private List<string> _terms = [];
        private int _next;

        public TermsTokenizer(TextReader reader) : base(reader) => _term = AddAttribute<ICharTermAttribute>();

        public override bool IncrementToken()
        {
            if (_next >= _terms.Count) return false;
            ClearAttributes();
            _term.SetEmpty().Append(_terms[_next++]);
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            _terms = LexicalAnalyzer.DocumentTerms(m_input.ReadToEnd());
            _next = 0;
        }
    }
}
